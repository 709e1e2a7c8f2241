#include "core/json/jsonencoding.h"

#include <QStringDecoder>

namespace ferry::json {

namespace {

uchar byteAt(QByteArrayView body, qsizetype i)
{
    return uchar(body.at(i));
}

QString encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        break;
    case TextEncoding::Utf16LE:
        return QStringLiteral("UTF-16 LE");
    case TextEncoding::Utf16BE:
        return QStringLiteral("UTF-16 BE");
    case TextEncoding::Utf32LE:
        return QStringLiteral("UTF-32 LE");
    case TextEncoding::Utf32BE:
        return QStringLiteral("UTF-32 BE");
    }
    return QStringLiteral("UTF-8");
}

QStringConverter::Encoding converterEncoding(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        break;
    case TextEncoding::Utf16LE:
        return QStringConverter::Utf16LE;
    case TextEncoding::Utf16BE:
        return QStringConverter::Utf16BE;
    case TextEncoding::Utf32LE:
        return QStringConverter::Utf32LE;
    case TextEncoding::Utf32BE:
        return QStringConverter::Utf32BE;
    }
    return QStringConverter::Utf8;
}

} // namespace

TextEncoding detectEncoding(QByteArrayView body)
{
    // UTF-32 LE's mark starts with UTF-16 LE's, so the longer marks are checked first.
    if (body.startsWith(QByteArrayView("\xFF\xFE\x00\x00", 4)))
        return TextEncoding::Utf32LE;
    if (body.startsWith(QByteArrayView("\x00\x00\xFE\xFF", 4)))
        return TextEncoding::Utf32BE;
    if (body.startsWith("\xEF\xBB\xBF"))
        return TextEncoding::Utf8;
    if (body.startsWith("\xFF\xFE"))
        return TextEncoding::Utf16LE;
    if (body.startsWith("\xFE\xFF"))
        return TextEncoding::Utf16BE;

    // No mark: the first character of JSON text is ASCII, so where its zero bytes fall says
    // how wide a character is and which end comes first. Valid UTF-8 JSON never has a zero
    // byte there.
    if (body.size() >= 4) {
        const bool z0 = byteAt(body, 0) == 0;
        const bool z1 = byteAt(body, 1) == 0;
        const bool z2 = byteAt(body, 2) == 0;
        const bool z3 = byteAt(body, 3) == 0;
        if (z0 && z1 && z2 && !z3)
            return TextEncoding::Utf32BE;
        if (!z0 && z1 && z2 && z3)
            return TextEncoding::Utf32LE;
        if (z0 && !z1)
            return TextEncoding::Utf16BE;
        if (!z0 && z1)
            return TextEncoding::Utf16LE;
    } else if (body.size() >= 2) {
        // A one-character text such as "1" in UTF-16.
        if (byteAt(body, 0) == 0 && byteAt(body, 1) != 0)
            return TextEncoding::Utf16BE;
        if (byteAt(body, 0) != 0 && byteAt(body, 1) == 0)
            return TextEncoding::Utf16LE;
    }
    return TextEncoding::Utf8;
}

qsizetype byteOrderMarkLength(QByteArrayView body, TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return body.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    case TextEncoding::Utf16LE:
        return body.startsWith("\xFF\xFE") ? 2 : 0;
    case TextEncoding::Utf16BE:
        return body.startsWith("\xFE\xFF") ? 2 : 0;
    case TextEncoding::Utf32LE:
        return body.startsWith(QByteArrayView("\xFF\xFE\x00\x00", 4)) ? 4 : 0;
    case TextEncoding::Utf32BE:
        return body.startsWith(QByteArrayView("\x00\x00\xFE\xFF", 4)) ? 4 : 0;
    }
    return 0;
}

qsizetype firstInvalidUtf8(QByteArrayView text)
{
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        const uchar lead = byteAt(text, i);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        // The allowed range of the second byte narrows for the leads that could otherwise
        // start an overlong form, a surrogate or a value beyond U+10FFFF.
        uchar secondMin = 0x80;
        uchar secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                secondMin = 0xA0;
            else if (lead == 0xED)
                secondMax = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                secondMin = 0x90;
            else if (lead == 0xF4)
                secondMax = 0x8F;
        } else {
            return i;
        }
        if (size - i < length)
            return i;
        const uchar second = byteAt(text, i + 1);
        if (second < secondMin || second > secondMax)
            return i;
        for (int k = 2; k < length; ++k) {
            if ((byteAt(text, i + k) & 0xC0) != 0x80)
                return i;
        }
        i += length;
    }
    return -1;
}

DecodedText decodeToUtf8(QByteArrayView body)
{
    const TextEncoding encoding = detectEncoding(body);
    const qsizetype mark = byteOrderMarkLength(body, encoding);
    const QByteArrayView content = body.sliced(mark);
    DecodedText decoded;

    if (encoding == TextEncoding::Utf8) {
        decoded.utf8 = content.toByteArray();
        const qsizetype bad = firstInvalidUtf8(content);
        if (bad >= 0)
            decoded.note = QStringLiteral("invalid UTF-8 at byte %1 of the body").arg(bad + mark);
        return decoded;
    }

    // The mark was removed above; a second one would be a character of the text.
    QStringDecoder decoder(converterEncoding(encoding),
                           QStringConverter::Flag::Stateless
                               | QStringConverter::Flag::ConvertInitialBom);
    QString text = decoder.decode(content);
    // The decoder lets an unpaired surrogate through, and UTF-8 would turn it into '?';
    // U+FFFD says more clearly that something was lost.
    bool lostCharacters = decoder.hasError();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            text[i] = QChar::ReplacementCharacter;
            lostCharacters = true;
        }
    }
    decoded.utf8 = text.toUtf8();
    decoded.note = QStringLiteral("%1 body shown as UTF-8").arg(encodingName(encoding));
    if (lostCharacters)
        decoded.note += QStringLiteral("; sequences that were not valid %1 are shown as U+FFFD")
                            .arg(encodingName(encoding));
    return decoded;
}

} // namespace ferry::json
