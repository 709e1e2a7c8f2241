#include "core/codegen/pythonrequestsgenerator.h"

#include "core/codegen/codegenutil.h"

#include <QUrl>

#include <algorithm>

namespace ferry::codegen {

namespace python {

QString stringLiteral(QStringView text)
{
    const QChar quote = text.contains(u'"') && !text.contains(u'\'') ? u'\'' : u'"';
    QString out = quote;
    for (const QChar c : text) {
        if (c == u'\\' || c == quote) {
            out += u'\\';
            out += c;
            continue;
        }
        const QString escape = controlCharEscape(c.unicode());
        out += escape.isEmpty() ? QString(c) : escape;
    }
    out += quote;
    return out;
}

QString tripleQuotedLiteral(QStringView text)
{
    QString out = QStringLiteral("\"\"\"");
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\\') {
            out += QStringLiteral("\\\\");
            continue;
        }
        // A quote followed by another quote, or by the closing """, could end the literal.
        if (c == u'"') {
            const bool risky = i + 1 == text.size() || text[i + 1] == u'"';
            out += risky ? QStringLiteral("\\\"") : QStringLiteral("\"");
            continue;
        }
        if (c == u'\n') {
            out += c;
            continue;
        }
        const QString escape = controlCharEscape(c.unicode());
        out += escape.isEmpty() ? QString(c) : escape;
    }
    out += QStringLiteral("\"\"\"");
    return out;
}

QString bytesLiteral(QByteArrayView bytes)
{
    const QChar quote = bytes.contains('"') && !bytes.contains('\'') ? u'\'' : u'"';
    QString out = QStringLiteral("b") + quote;
    for (const char c : bytes) {
        const auto byte = uchar(c);
        if (c == '\\' || QLatin1Char(c) == quote) {
            out += u'\\';
            out += QLatin1Char(c);
        } else if (byte >= 0x80) {
            out += QStringLiteral("\\x") + hexByte(byte);
        } else {
            const QString escape = controlCharEscape(byte);
            out += escape.isEmpty() ? QString(QLatin1Char(c)) : escape;
        }
    }
    out += quote;
    return out;
}

} // namespace python

static bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80; });
}

// http.client writes str header values and bodies as Latin-1, so anything beyond ASCII is
// handed over as UTF-8 bytes with .encode().
static QString textExpression(QByteArrayView utf8, bool multiLine)
{
    const QString text = QString::fromUtf8(utf8);
    const QString literal = multiLine && text.contains(u'\n') ? python::tripleQuotedLiteral(text)
                                                              : python::stringLiteral(text);
    return isAscii(utf8) ? literal : literal + QStringLiteral(".encode()");
}

static QString bodyExpression(const QByteArray &body)
{
    if (!isValidUtf8(body))
        return python::bytesLiteral(body);
    return textExpression(body, true);
}

TargetInfo PythonRequestsGenerator::info() const
{
    return {QStringLiteral("python-requests"), QStringLiteral("Python requests"),
            QStringLiteral("python"), QStringLiteral("py")};
}

QString PythonRequestsGenerator::generate(const Request &request,
                                          const SnippetOptions &options) const
{
    const QString unit = indentUnit(options);
    const QList<WireHeader> wireHeaders = request.wireHeaders();
    QString out = QStringLiteral("import requests\n\n");

    const QString url = wireUrl(request);
    // urllib3 percent-encodes [ and ] in the path and query, which servers decode alike.
    const QUrl parsed(url);
    const QString pathAndQuery = parsed.path(QUrl::FullyEncoded) + parsed.query(QUrl::FullyEncoded);
    if (pathAndQuery.contains(u'[') || pathAndQuery.contains(u']'))
        out += QStringLiteral("# urllib3, under requests, sends [ and ] in the URL as %5B and "
                              "%5D.\n");
    out += QStringLiteral("url = %1\n\n").arg(python::stringLiteral(url));

    if (!wireHeaders.isEmpty()) {
        if (hasRepeatedHeaders(wireHeaders))
            out += QStringLiteral("# requests keeps one value per header name, so repeated "
                                  "headers are joined\n# into one, values separated by %1.\n")
                       .arg(joinSeparatorNote(wireHeaders));
        out += QStringLiteral("headers = {\n");
        for (const WireHeader &header : joinRepeatedHeaders(wireHeaders)) {
            // requests refuses values that start with whitespace; HTTP ignores it anyway.
            QByteArrayView value = header.value;
            while (!value.isEmpty() && (value.front() == ' ' || value.front() == '\t'))
                value = value.sliced(1);
            out += unit
                   + QStringLiteral("%1: %2,\n")
                         .arg(textExpression(header.name, false), textExpression(value, false));
        }
        out += QStringLiteral("}\n\n");
    }

    // Ferry sends no body with HEAD, whose answer has none either.
    const QByteArray method = request.wireMethod();
    const bool sendsBody = request.hasBody() && method != "HEAD";
    if (request.hasBody() && !sendsBody)
        out += QStringLiteral("# A HEAD request carries no body, so the body is left out.\n\n");
    if (sendsBody)
        out += QStringLiteral("payload = %1\n\n").arg(bodyExpression(request.body));

    QString arguments = QStringLiteral("url");
    if (!wireHeaders.isEmpty())
        arguments += QStringLiteral(", headers=headers");
    if (sendsBody)
        arguments += QStringLiteral(", data=payload");

    const QString quotedMethod = python::stringLiteral(QString::fromLatin1(method));
    if (method == method.toUpper()) {
        out +=
            QStringLiteral("response = requests.request(%1, %2)\n\n").arg(quotedMethod, arguments);
    } else {
        // requests upper-cases every method; a prepared request can be given the exact token.
        out += QStringLiteral("# requests would send the method in upper case; the prepared "
                              "request keeps it as is.\n");
        out += QStringLiteral("session = requests.Session()\n");
        out += QStringLiteral("prepared = session.prepare_request(requests.Request(%1, %2))\n")
                   .arg(quotedMethod, arguments);
        out += QStringLiteral("prepared.method = %1\n").arg(quotedMethod);
        out += QStringLiteral("response = session.send(prepared)\n\n");
    }

    out += QStringLiteral("print(response.text)\n");
    return out;
}

} // namespace ferry::codegen
