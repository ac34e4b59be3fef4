"""Fixed, seeded benchmark corpus of realistic SMS texts.

This module is the single source of benchmark input for ``smsenc`` and the peer
libraries it is compared with.  Everything is derived from small embedded
vocabularies and a ``random.Random`` seeded from a string (hashed with SHA-512
by :mod:`random`, so not subject to ``PYTHONHASHSEED``), which makes the output
identical across runs, processes and machines.  Do not edit the vocabularies
casually: doing so changes the corpus and invalidates recorded results.
"""

from __future__ import annotations

import random

CATEGORIES: tuple[str, ...] = (
    "short_ascii",
    "long_ascii",
    "gsm_extension",
    "latin_accents",
    "cyrillic",
    "greek",
    "devanagari",
    "arabic",
    "cjk",
    "emoji",
    "turkish",
    "spanish",
    "portuguese",
    "tamil",
)
DEFAULT_SEED = 20261125
MESSAGES_PER_CATEGORY = 30
MAX_LEN = 400
SHORT_MAX_LEN = 60

_SHORT = (
    "Your code is {otp}",
    "OTP {otp}. Valid {n} min.",
    "On my way, {n} min",
    "Meeting moved to {time}",
    "Call me back pls",
    "{brand}: code {otp}",
    "Running late, sorry!",
    "Ok, see you at {time}",
    "Parcel {ref} delivered.",
    "Thanks! Paid ${amt}",
    "Reminder: dentist {date} {time}",
)
_ENGLISH = (
    *_SHORT,
    "Your {brand} verification code is {otp}. It expires in {n} minutes.",
    "Do not share this code with anyone, {brand} staff will never ask for it.",
    "Your parcel {ref} will be delivered on {date} between {time} and 18:00.",
    "Reminder: appointment with Dr. {name} on {date} at {time}. Reply Y to confirm.",
    "{brand}: payment of ${amt} received, thank you. Reply STOP to opt out.",
    "Hi {name}, your table for {n} is booked for {date} at {time}.",
    "Your order #{ref} has shipped and should arrive within {n} business days.",
    "ALERT: a login to your {brand} account was detected at {time} on {date}.",
    "Your balance is ${amt}. Top up now and get {n}% extra credit!",
    "Flight {ref} to Oslo is delayed. New departure time: {time}, gate B{n}.",
)
_EXTENSION = (
    "Total due: €{amt} [invoice {ref}]",
    "Use code {{{otp}}} at checkout.",
    "Status: OK | balance €{amt} | due {date}",
    "Files saved in C:\\Users\\{name}\\sms",
    "Profile: example.com/~{name}",
    "Score ^{n} [{ref}]",
    "Pay €{amt} ~ {time}",
    '{{"otp": "{otp}"}} | ref [{ref}]',
    "Price: €{amt} [incl. VAT] | {brand}",
)
_EMOJI = (
    "😀",
    "🎉",
    "👍",
    "🙏",
    "🔥",
    "🚚",
    "📦",
    "😂",
    "🥳",
    "❤️",
    "✅",
    "👍🏽",
    "🇪🇸",
    "👨‍👩‍👧",
    "😊",
    "💳",
)
_BRANDS = ("Acme", "NorthBank", "QuickShip", "CityClinic", "Telco")
_NAMES = ("Smith", "Jones", "Patel", "Garcia", "Kim", "Novak", "Okafor")


_Script = tuple[tuple[str, ...], str, tuple[str, ...], str]  # words, sep, endings, comma


def _script(words: str, ends: str = ".!?", sep: str = " ", comma: str = ",") -> _Script:
    return tuple(words.split()), sep, tuple(ends), comma


_LATIN_GSM = "café déjà très après réservé été à où für Straße über Jänner smørbrød København "
# latin_accents: GSM 7-bit letters only (é à ü ß ø å); latin_mixed adds non-GSM ones (ó ś ł ň ő ô).
# Half of the latin_accents messages (and all of its long_text) use latin_mixed.
_WORDS: dict[str, _Script] = {
    "latin_accents": _script(_LATIN_GSM + "Ålesund Fußball Grüße commande livrée demain Ærø"),
    "latin_mixed": _script(
        "café été à für Kraków Łódź środa płatność dziękujemy zamówienie "
        "potwierdzone Plzeň účet Győr köszönjük ônibus forêt coût"
    ),
    "cyrillic": _script(
        "ваш код подтверждения заказ доставлен курьер сегодня завтра оплата картой баланс "
        "рублей пароль никому не сообщайте запись к врачу подтвердите отмените встреча "
        "перенесена спасибо здравствуйте посылка пункт выдачи номер действует минут Москва"
    ),
    "greek": _script(
        "ο κωδικός σας είναι παραγγελία παραδόθηκε σήμερα αύριο πληρωμή κάρτα υπόλοιπο ευρώ "
        "ραντεβού γιατρό επιβεβαιώστε ευχαριστούμε καλημέρα δέμα ισχύει λεπτά ΚΩΔΙΚΟΣ "
        "ΠΡΟΣΦΟΡΑ ΓΙΑ ΣΑΣ ΔΩΡΕΑΝ ΑΠΟΣΤΟΛΗ Αθήνα",
        ".!;",
    ),
    "devanagari": _script(
        "आपका सत्यापन कोड है ऑर्डर भेज दिया गया कल आज भुगतान सफल रुपये खाते में शेष राशि "
        "डॉक्टर के साथ अपॉइंटमेंट कृपया पुष्टि करें धन्यवाद किसी साझा न मिनट लिए मान्य "
        "नमस्ते दिल्ली",
        "।!?",
    ),
    "arabic": _script(
        "رمز التحقق الخاص بك هو طلبك تم شحن اليوم غدا الدفع بطاقة رصيد ريال موعد مع الطبيب "
        "يرجى التأكيد شكرا لا تشارك هذا الرمز أي شخص صالح لمدة دقائق مرحبا الرياض",
        ".!؟",
        comma="،",
    ),
    "cjk": _script(
        "您的 验证码 是 订单 已发货 今天 明天 付款 成功 余额 元 预约 医生 请确认 谢谢 请勿 "
        "泄露 给 他人 有效期 分钟 快递 已到达 取件码 您好 【京东】 【银行】 北京",
        "。！？",
        sep="",
        comma="，",
    ),
    "turkish": _script(
        "doğrulama kodunuz siparişiniz kargoya verildi bugün yarın ödeme başarılı bakiye "
        "lira randevunuz doktor lütfen onaylayın teşekkürler kimseyle paylaşmayın dakika "
        "geçerlidir İstanbul şube müşteri hizmetleri Iğdır çağrı merkezi"
    ),
    "spanish": _script(
        "su código de verificación es pedido enviado hoy mañana pago recibido saldo euros "
        "cita médico confirme gracias no comparta válido minutos ¿necesita ayuda? ¡oferta! "
        "envío teléfono información dirección Begoña Cádiz"
    ),
    "portuguese": _script(
        "seu código de verificação é pedido enviado hoje amanhã pagamento aprovado saldo "
        "reais consulta médico confirme obrigado não compartilhe válido minutos promoção "
        "atenção endereço cartão informações São Paulo Conceição"
    ),
    "tamil": _script(
        "உங்கள் சரிபார்ப்பு குறியீடு ஆர்டர் அனுப்பப்பட்டது இன்று நாளை பணம் செலுத்தப்பட்டது "
        "இருப்பு ரூபாய் மருத்துவர் சந்திப்பு உறுதிப்படுத்தவும் நன்றி யாருடனும் பகிர "
        "வேண்டாம் நிமிடங்கள் செல்லுபடியாகும் வணக்கம் சென்னை"
    ),
}
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _number(rng: random.Random) -> str:
    kind = rng.randint(0, 3)
    if kind == 0:
        return f"{rng.randint(0, 999999):06d}"
    if kind == 1:
        return f"{rng.randint(0, 23):02d}:{rng.choice(('00', '15', '30', '45'))}"
    if kind == 2:
        return f"{rng.randint(1, 2999)}.{rng.randint(0, 99):02d}"
    return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}."


def _fill(rng: random.Random, template: str) -> str:
    text = template.format(
        otp=f"{rng.randint(0, 999999):06d}",
        n=rng.randint(2, 30),
        time=f"{rng.randint(7, 21):02d}:{rng.choice(('00', '15', '30', '45'))}",
        date=f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}",
        amt=f"{rng.randint(1, 2999)}.{rng.randint(0, 99):02d}",
        ref=f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(10000, 99999)}",
        name=rng.choice(_NAMES),
        brand=rng.choice(_BRANDS),
    )
    return text if text[-1] in ".!?" else text + "."


def _words_sentence(rng: random.Random, category: str) -> str:
    words, sep, ends, comma = _WORDS[category]
    tokens: list[str] = []
    for i in range(rng.randint(3, 9)):
        token = _number(rng) if rng.random() < 0.15 else rng.choice(words)
        if category == "arabic" and token[0].isdigit() and rng.random() < 0.5:
            token = token.translate(_ARABIC_INDIC)
        if i and rng.random() < 0.12:
            tokens[-1] += comma
        tokens.append(token)
    return sep.join(tokens) + rng.choice(ends)


def _emoji_sentence(rng: random.Random) -> str:
    words = _fill(rng, rng.choice(_ENGLISH)).split(" ")
    pos = rng.randint(1, len(words))
    words.insert(pos, "".join(rng.choice(_EMOJI) for _ in range(rng.randint(1, 3))))
    return " ".join(words)


def _sentence(rng: random.Random, category: str) -> str:
    if category in ("short_ascii", "long_ascii"):
        return _fill(rng, rng.choice(_SHORT if category == "short_ascii" else _ENGLISH))
    if category == "gsm_extension":
        pool = _EXTENSION if rng.random() < 0.6 else _ENGLISH
        return _fill(rng, rng.choice(pool))
    if category == "emoji":
        return _emoji_sentence(rng)
    return _words_sentence(rng, category)


def _sep(category: str) -> str:
    return _WORDS[category][1] if category in _WORDS else " "


def _target_length(rng: random.Random, category: str) -> int:
    if category == "short_ascii":
        return rng.randint(20, SHORT_MAX_LEN)
    if category == "long_ascii":
        return rng.randint(161, MAX_LEN)
    r = rng.random()
    if r < 0.4:
        return rng.randint(20, 70)
    return rng.randint(71, 160) if r < 0.75 else rng.randint(161, MAX_LEN)


def _message(rng: random.Random, category: str) -> str:
    if category == "latin_accents" and rng.random() < 0.5:
        category = "latin_mixed"
    target, sep = _target_length(rng, category), _sep(category)
    first = _fill(rng, rng.choice(_EXTENSION)) if category == "gsm_extension" else None
    parts: list[str] = [first if first is not None else _sentence(rng, category)]
    total = len(parts[0])
    while total < target:
        parts.append(_sentence(rng, category))
        total += len(sep) + len(parts[-1])
    cap = SHORT_MAX_LEN if category == "short_ascii" else MAX_LEN
    return sep.join(parts)[:cap].rstrip()


def corpus(seed: int = DEFAULT_SEED) -> dict[str, list[str]]:
    """Return ``{category: [messages]}`` for every category in ``CATEGORIES``."""
    result: dict[str, list[str]] = {}
    for category in CATEGORIES:
        rng = random.Random(f"smsenc-corpus:{seed}:{category}")
        result[category] = [_message(rng, category) for _ in range(MESSAGES_PER_CATEGORY)]
    return result


def long_text(n_chars: int, category: str = "long_ascii", seed: int = DEFAULT_SEED) -> str:
    """Return a text of exactly ``n_chars`` code points from ``category``'s vocabulary.

    Texts for the same ``category`` and ``seed`` are prefixes of one another.
    """
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; expected one of {CATEGORIES}")
    if n_chars < 0:
        raise ValueError("n_chars must be >= 0")
    rng = random.Random(f"smsenc-long:{seed}:{category}")
    category = "latin_mixed" if category == "latin_accents" else category
    sep = _sep(category)
    total = -len(sep)  # length of sep.join(parts): no separator before the first sentence
    parts: list[str] = []
    while total < n_chars:
        parts.append(_sentence(rng, category))
        total += len(parts[-1]) + len(sep)
    return sep.join(parts)[:n_chars]
