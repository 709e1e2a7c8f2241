#include "core/codegen/curlgenerator.h"

#include "core/codegen/codegenutil.h"

#include <QStringList>

#include <algorithm>

namespace ferry::codegen {

// Bodies larger than this are not passed as one argument (Linux allows 128 KiB per argument).
constexpr qsizetype kMaxInlineBody = 64 * 1024;
// curl asks "Expect: 100-continue" before sending a body larger than this.
constexpr qsizetype kCurlExpectThreshold = 1024 * 1024;

// Characters a shell never interprets, so a word made only of them needs no quotes.
static bool isPlainShellWord(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return false;
    return std::all_of(bytes.begin(), bytes.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
               || c == '-' || c == '_' || c == '.' || c == '/' || c == ':';
    });
}

// Single quotes keep everything literal but cannot show a control byte visibly or hold bytes
// that are not text; line feeds stay real so multi-line bodies read as they are.
static bool fitsSingleQuotes(QByteArrayView bytes)
{
    if (!isValidUtf8(bytes))
        return false;
    return std::none_of(bytes.begin(), bytes.end(), [](char c) {
        const auto byte = uchar(c);
        return (byte < 0x20 && byte != '\n') || byte == 0x7F;
    });
}

static QString ansiCQuoted(QByteArrayView bytes)
{
    QString out = QStringLiteral("$'");
    qsizetype start = 0;
    // Valid UTF-8 sequences are copied as text; only stray bytes become \xHH.
    const auto flushText = [&](qsizetype end) {
        if (end > start)
            out += QString::fromUtf8(bytes.sliced(start, end - start));
    };
    qsizetype i = 0;
    while (i < bytes.size()) {
        const auto byte = uchar(bytes[i]);
        if (byte >= 0x80) {
            const qsizetype length = utf8SequenceLength(byte);
            if (length > 1 && i + length <= bytes.size() && isValidUtf8(bytes.sliced(i, length))) {
                i += length;
                continue;
            }
            flushText(i);
            out += QStringLiteral("\\x") + hexByte(byte);
            start = ++i;
            continue;
        }

        QString escape;
        switch (byte) {
        case '\\':
            escape = QStringLiteral("\\\\");
            break;
        case '\'':
            escape = QStringLiteral("\\'");
            break;
        case '\n':
            escape = QStringLiteral("\\n");
            break;
        case '\t':
            escape = QStringLiteral("\\t");
            break;
        case '\r':
            escape = QStringLiteral("\\r");
            break;
        default:
            if (byte < 0x20 || byte == 0x7F)
                escape = QStringLiteral("\\x") + hexByte(byte);
        }
        if (escape.isEmpty()) {
            ++i;
            continue;
        }
        flushText(i);
        out += escape;
        start = ++i;
    }
    flushText(bytes.size());
    out += u'\'';
    return out;
}

QString shellQuoted(QByteArrayView bytes)
{
    if (!fitsSingleQuotes(bytes))
        return ansiCQuoted(bytes);

    QString text = QString::fromUtf8(bytes);
    // A single quote cannot appear inside single quotes: close, add an escaped one, reopen.
    text.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + text + u'\'';
}

QString printfFormat(QByteArrayView bytes)
{
    QString out = QStringLiteral("'");
    for (const char c : bytes) {
        const auto byte = uchar(c);
        if (c == '%')
            out += QStringLiteral("%%");
        else if (c == '\\')
            out += QStringLiteral("\\\\");
        else if (byte < 0x20 || byte >= 0x7F || c == '\'')
            out += QStringLiteral("\\%1").arg(uint(byte), 3, 8, QLatin1Char('0'));
        else
            out += QLatin1Char(c);
    }
    out += u'\'';
    return out;
}

TargetInfo CurlGenerator::info() const
{
    return {QStringLiteral("curl"), QStringLiteral("cURL (bash/zsh)"), QStringLiteral("bash"),
            QStringLiteral("sh")};
}

QString CurlGenerator::generate(const Request &request, const SnippetOptions &options) const
{
    const QByteArray method = request.wireMethod();
    const bool head = method == "HEAD";
    const bool sendsBody = request.hasBody() && !head;
    QStringList comments;
    QStringList arguments;

    // curl picks GET, or POST when there is data; say the method only when it differs. HEAD
    // needs --head: with --request HEAD curl would wait for a body that never comes.
    const QString quotedMethod =
        isPlainShellWord(method) ? QString::fromLatin1(method) : shellQuoted(method);
    if (head) {
        arguments << QStringLiteral("--head");
        if (request.hasBody())
            comments << QStringLiteral("# curl sends no body with --head, so the body is left "
                                       "out.");
    } else if (method != (sendsBody ? "POST" : "GET")) {
        arguments << QStringLiteral("--request ") + quotedMethod;
    }

    const QString url = wireUrl(request);
    arguments << QStringLiteral("--url ") + shellQuoted(url.toUtf8());
    // Ferry follows redirects, turning a POST into a GET after 301, 302 and 303 as curl does.
    arguments << QStringLiteral("--location");
    // Brackets and braces would otherwise be read as curl's own URL ranges.
    if (url.contains(u'[') || url.contains(u']') || url.contains(u'{') || url.contains(u'}'))
        arguments << QStringLiteral("--globoff");

    const QList<WireHeader> headers = request.wireHeaders();
    for (const WireHeader &header : headers) {
        // "Name:" with nothing after it tells curl to drop the header; "Name;" sends it empty.
        const QByteArray line = header.value.trimmed().isEmpty()
                                    ? header.name + ';'
                                    : header.name + ": " + header.value;
        arguments << QStringLiteral("--header ") + shellQuoted(line);
    }

    // curl labels data as a form unless told otherwise; "Content-Type:" sends no such header.
    if (sendsBody && !containsHeader(headers, "Content-Type"))
        arguments << QStringLiteral("--header 'Content-Type:'");

    // curl would first ask the server with "Expect: 100-continue" for a body this large.
    if (sendsBody && request.body.size() > kCurlExpectThreshold
        && !containsHeader(headers, "Expect"))
        arguments << QStringLiteral("--header 'Expect:'");

    if (sendsBody) {
        // No command argument can hold a NUL byte, and Linux limits one argument to 128 KiB,
        // so such bodies come from printf, a shell builtin. Otherwise --data-raw sends the text
        // as given: no @file lookup, no stripped newlines.
        if (request.body.contains('\0') || request.body.size() > kMaxInlineBody)
            arguments << QStringLiteral("--data-binary @<(printf ") + printfFormat(request.body)
                             + u')';
        else
            arguments << QStringLiteral("--data-raw ") + shellQuoted(request.body);
    }

    const QString separator = QStringLiteral(" \\\n") + indentUnit(options);
    QString out;
    for (const QString &comment : std::as_const(comments))
        out += comment + u'\n';
    out += QStringLiteral("curl ") + arguments.join(separator) + u'\n';
    return out;
}

} // namespace ferry::codegen
