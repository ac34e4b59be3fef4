// A real SMPP 3.4 server for smsenc's tests (tests/smpp/test_server.py), on node-smpp.
//
// It listens on 127.0.0.1 on an ephemeral port and prints one JSON line per event on
// standard output: {"event": "listening", "port": N} first, then one "submit_sm" line per
// submit_sm received, with node-smpp's own reading of it (its decoder is independent of
// smsenc) and the PDU's octets, and one "deliver_sm_resp" line per answer to what it
// sent.  It reads one JSON command per line on standard input:
//   {"op": "deliver_sm", "fields": {...}}  send a deliver_sm to the bound client; a
//       value {"hex": "..."} is octets (short_message, message_payload, network_error_code);
//       {"text": "...", "udh": "hex"} as short_message lets node-smpp encode the text.
//   {"op": "quit"}  close and exit.
// It binds any system_id and password: it is a test fixture, on loopback only.
"use strict";

const readline = require("readline");
const smpp = require("smpp");

// Keep the octets of every PDU node-smpp parses, to hand the same octets to smsenc.
const parse = smpp.PDU.prototype.fromBuffer;
smpp.PDU.prototype.fromBuffer = function (buffer) {
  this.octets = Buffer.from(buffer);
  return parse.call(this, buffer);
};

// What node-smpp makes of data_coding 0 depends on encodings.default (its SMSC default
// alphabet): "ASCII" is its GSM 03.38 coder, "LATIN1" ISO-8859-1.  It has no IA5 coder
// of its own (its data_coding 1 is the GSM coder too), so one is added from iconv-lite,
// which node-smpp itself uses for Latin-1 and UCS-2.
const iconv = require("iconv-lite");
smpp.encodings.IA5 = {
  match: () => false,
  encode: (value) => iconv.encode(value, "ascii"),
  decode: (value) => iconv.decode(value, "ascii"),
};
const DEFAULTS = { gsm: "ASCII", latin1: "LATIN1", ascii: "IA5" };

const hex = (value) => (Buffer.isBuffer(value) ? value.toString("hex") : value);

function reading(octets, alphabet) {
  smpp.encodings.default = DEFAULTS[alphabet];
  try {
    const pdu = new smpp.PDU(octets);
    const message = pdu.short_message || {};
    const payload = pdu.message_payload;
    return {
      esm_class: pdu.esm_class,
      data_coding: pdu.data_coding,
      udh: (message.udh || []).map(hex),
      text: typeof message.message === "string" ? message.message : null,
      sar_msg_ref_num: pdu.sar_msg_ref_num === undefined ? null : pdu.sar_msg_ref_num,
      sar_total_segments: pdu.sar_total_segments === undefined ? null : pdu.sar_total_segments,
      sar_segment_seqnum: pdu.sar_segment_seqnum === undefined ? null : pdu.sar_segment_seqnum,
      message_payload: payload === undefined ? null : payload.message,
    };
  } finally {
    smpp.encodings.default = "ASCII";
  }
}

function emit(event) {
  process.stdout.write(JSON.stringify(event) + "\n");
}

let bound = null;
let nextId = 0x1f0;

const server = smpp.createServer((session) => {
  for (const bind of ["bind_transceiver", "bind_transmitter", "bind_receiver"]) {
    session.on(bind, (pdu) => {
      bound = session;
      session.send(pdu.response());
    });
  }
  session.on("submit_sm", (pdu) => {
    const messageId = (nextId++).toString(16).toUpperCase();
    emit({
      event: "submit_sm",
      message_id: messageId,
      octets: pdu.octets.toString("hex"),
      node: Object.fromEntries(
        Object.keys(DEFAULTS).map((alphabet) => [alphabet, reading(pdu.octets, alphabet)])
      ),
    });
    session.send(pdu.response({ message_id: messageId }));
  });
  session.on("enquire_link", (pdu) => session.send(pdu.response()));
  session.on("unbind", (pdu) => {
    session.send(pdu.response());
    session.close();
  });
  session.on("deliver_sm_resp", (pdu) =>
    emit({ event: "deliver_sm_resp", sequence_number: pdu.sequence_number,
           command_status: pdu.command_status })
  );
  session.on("error", (error) => emit({ event: "error", message: String(error) }));
});

function fields(given) {
  const result = {};
  for (const [name, value] of Object.entries(given)) {
    if (value && typeof value === "object" && "hex" in value) {
      result[name] = Buffer.from(value.hex, "hex");
    } else if (value && typeof value === "object" && "text" in value) {
      result[name] = { message: value.text, udh: Buffer.from(value.udh || "", "hex") };
    } else {
      result[name] = value;
    }
  }
  return result;
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const command = JSON.parse(line);
  if (command.op === "deliver_sm") {
    if (bound === null) {
      emit({ event: "error", message: "deliver_sm before any bind" });
      return;
    }
    bound.deliver_sm(fields(command.fields));
  } else if (command.op === "quit") {
    server.close();
    for (const session of server.sessions.slice()) session.destroy();
    process.exit(0);
  }
});
process.stdin.on("end", () => process.exit(0));

server.listen(0, "127.0.0.1", () => emit({ event: "listening", port: server.address().port }));
