#include "core/codegen/codegenutil.h"

#include <QUrl>

#include <algorithm>

namespace ferry::codegen {

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const uchar lead = data[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }

        int length = 0;
        char32_t codePoint = 0;
        char32_t minimum = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            codePoint = lead & 0x1F;
            minimum = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            codePoint = lead & 0x0F;
            minimum = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            codePoint = lead & 0x07;
            minimum = 0x10000;
        } else {
            return false;
        }
        if (i + length > size)
            return false;

        for (int k = 1; k < length; ++k) {
            const uchar next = data[i + k];
            if ((next & 0xC0) != 0x80)
                return false;
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        if (codePoint < minimum || codePoint > 0x10FFFF
            || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

QString wireUrl(const Request &request)
{
    const QString text = request.url.trimmed();
    const QUrl url(text);
    if (!url.isValid())
        return text;
    return url.adjusted(QUrl::RemoveFragment).toString(QUrl::FullyEncoded);
}

QList<WireHeader> joinRepeatedHeaders(const QList<WireHeader> &headers)
{
    QList<WireHeader> joined;
    for (const WireHeader &header : headers) {
        auto same = std::find_if(joined.begin(), joined.end(), [&](const WireHeader &seen) {
            return seen.name.compare(header.name, Qt::CaseInsensitive) == 0;
        });
        if (same == joined.end())
            joined.append(header);
        else if (header.name.compare("Cookie", Qt::CaseInsensitive) == 0)
            same->value += "; " + header.value; // cookie pairs are separated by "; "
        else
            same->value += ", " + header.value;
    }
    return joined;
}

bool hasRepeatedHeaders(const QList<WireHeader> &headers)
{
    return joinRepeatedHeaders(headers).size() != headers.size();
}

QString joinSeparatorNote(const QList<WireHeader> &headers)
{
    const auto cookies = std::count_if(headers.begin(), headers.end(), [](const WireHeader &h) {
        return h.name.compare("Cookie", Qt::CaseInsensitive) == 0;
    });
    return cookies > 1 ? QStringLiteral("\", \" (\"; \" for Cookie)") : QStringLiteral("\", \"");
}

bool containsHeader(const QList<WireHeader> &headers, QByteArrayView name)
{
    return std::any_of(headers.begin(), headers.end(), [&](const WireHeader &header) {
        return QByteArrayView(header.name).compare(name, Qt::CaseInsensitive) == 0;
    });
}

QString indentUnit(const SnippetOptions &options)
{
    return QString(qBound(0, options.indent, 16), u' ');
}

bool isBodylessMethod(QByteArrayView method)
{
    return method == "GET" || method == "HEAD";
}

int utf8SequenceLength(uchar lead)
{
    if ((lead & 0xE0) == 0xC0)
        return 2;
    if ((lead & 0xF0) == 0xE0)
        return 3;
    if ((lead & 0xF8) == 0xF0)
        return 4;
    return 1;
}

QString hexByte(uchar byte)
{
    return QStringLiteral("%1").arg(uint(byte), 2, 16, QLatin1Char('0')).toUpper();
}

QString controlCharEscape(char32_t c)
{
    switch (c) {
    case u'\n':
        return QStringLiteral("\\n");
    case u'\r':
        return QStringLiteral("\\r");
    case u'\t':
        return QStringLiteral("\\t");
    default:
        break;
    }
    // C0 and C1 controls and DEL are invisible in an editor; show them as escapes.
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return QStringLiteral("\\x") + hexByte(uchar(c));
    return {};
}

} // namespace ferry::codegen
