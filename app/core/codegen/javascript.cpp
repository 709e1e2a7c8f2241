#include "core/codegen/javascript.h"

#include "core/codegen/codegenutil.h"

#include <QStringList>

#include <algorithm>

namespace ferry::codegen::js {

// The escape for a character that must not appear raw in a string literal, or nothing.
// JavaScript adds named escapes for a few more controls, and line and paragraph separators
// would end a string in older engines.
static QString controlEscape(char32_t c)
{
    switch (c) {
    case u'\b':
        return QStringLiteral("\\b");
    case u'\f':
        return QStringLiteral("\\f");
    case u'\v':
        return QStringLiteral("\\v");
    case 0x2028:
        return QStringLiteral("\\u2028");
    case 0x2029:
        return QStringLiteral("\\u2029");
    default:
        return controlCharEscape(c);
    }
}

QString stringLiteral(QStringView text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == u'\\' || c == u'"') {
            out += u'\\';
            out += c;
            continue;
        }
        const QString escape = controlEscape(c.unicode());
        out += escape.isEmpty() ? QString(c) : escape;
    }
    out += u'"';
    return out;
}

QString byteStringLiteral(QByteArrayView bytes)
{
    QString out = QStringLiteral("\"");
    for (const char c : bytes) {
        const auto byte = uchar(c);
        if (c == '\\' || c == '"') {
            out += u'\\';
            out += QLatin1Char(c);
        } else if (byte >= 0x80) {
            out += QStringLiteral("\\x") + hexByte(byte);
        } else {
            const QString escape = controlEscape(byte);
            out += escape.isEmpty() ? QString(QLatin1Char(c)) : escape;
        }
    }
    out += u'"';
    return out;
}

QString templateLiteral(QStringView text)
{
    QString out = QStringLiteral("`");
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\\' || c == u'`' || (c == u'$' && i + 1 < text.size() && text[i + 1] == u'{')) {
            out += u'\\';
            out += c;
            continue;
        }
        if (c == u'\n') {
            out += c;
            continue;
        }
        const QString escape = controlEscape(c.unicode());
        out += escape.isEmpty() ? QString(c) : escape;
    }
    out += u'`';
    return out;
}

QString uint8ArrayLiteral(QByteArrayView bytes, const QString &indent, int level)
{
    constexpr int perLine = 12;
    QString outer;
    for (int i = 0; i < level; ++i)
        outer += indent;
    const QString inner = outer + indent;

    QString out = QStringLiteral("new Uint8Array([");
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        out += i % perLine == 0 ? u'\n' + inner : QStringLiteral(" ");
        out += QStringLiteral("0x") + hexByte(uchar(bytes[i]));
        if (i + 1 < bytes.size())
            out += u',';
    }
    out += u'\n' + outer + QStringLiteral("])");
    return out;
}

bool isBrowserControlledHeader(QByteArrayView name)
{
    static const QByteArrayView forbidden[] = {"Accept-Charset",
                                               "Accept-Encoding",
                                               "Access-Control-Request-Headers",
                                               "Access-Control-Request-Method",
                                               "Connection",
                                               "Content-Length",
                                               "Cookie",
                                               "Cookie2",
                                               "Date",
                                               "DNT",
                                               "Expect",
                                               "Host",
                                               "Keep-Alive",
                                               "Origin",
                                               "Referer",
                                               "Set-Cookie",
                                               "TE",
                                               "Trailer",
                                               "Transfer-Encoding",
                                               "Upgrade",
                                               "Via"};
    for (const QByteArrayView candidate : forbidden) {
        if (name.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    const QByteArray lower = name.toByteArray().toLower();
    return lower.startsWith("proxy-") || lower.startsWith("sec-");
}

bool isRefusedByNodeFetch(QByteArrayView name)
{
    static const QByteArrayView refused[] = {"Connection", "Expect", "Keep-Alive",
                                             "Transfer-Encoding", "Upgrade"};
    return std::any_of(std::begin(refused), std::end(refused), [&](QByteArrayView candidate) {
        return name.compare(candidate, Qt::CaseInsensitive) == 0;
    });
}

static QString joinedNames(const QList<QByteArray> &names)
{
    QStringList out;
    for (const QByteArray &name : names)
        out << QString::fromLatin1(name);
    return out.join(QStringLiteral(", "));
}

// The Headers object, filled in order; headers Node refuses are left out and named.
static QString headersDeclaration(const QList<WireHeader> &wireHeaders, Runtime runtime,
                                  QList<WireHeader> &sent)
{
    QList<QByteArray> controlled;
    QList<QByteArray> refused;
    for (const WireHeader &header : wireHeaders) {
        if (runtime == Runtime::Node && isRefusedByNodeFetch(header.name)) {
            refused << header.name;
            continue;
        }
        if (runtime == Runtime::Browser && isBrowserControlledHeader(header.name))
            controlled << header.name;
        sent << header;
    }

    QString out;
    if (!sent.isEmpty()) {
        out += QStringLiteral("const headers = new Headers();\n");
        if (hasRepeatedHeaders(sent))
            out += QStringLiteral("// Headers joins repeated names into one header, values "
                                  "separated by %1.\n")
                       .arg(joinSeparatorNote(sent));
        if (!controlled.isEmpty())
            out += QStringLiteral("// The browser sets these itself and ignores the script's "
                                  "values: %1.\n")
                       .arg(joinedNames(controlled));
        for (const WireHeader &header : std::as_const(sent))
            out += QStringLiteral("headers.append(%1, %2);\n")
                       .arg(byteStringLiteral(header.name), byteStringLiteral(header.value));
        out += u'\n';
    }
    if (!refused.isEmpty())
        out += QStringLiteral("// Node's fetch refuses these headers, so they are left out: "
                              "%1.\n\n")
                   .arg(joinedNames(refused));
    return out;
}

// The body constant: text as a template literal, other bytes as a Uint8Array.
static QString bodyDeclaration(const QByteArray &body, bool typed, const QString &unit)
{
    if (!isValidUtf8(body))
        return QStringLiteral("const body = %1;\n\n").arg(uint8ArrayLiteral(body, unit, 0));

    const QString text = templateLiteral(QString::fromUtf8(body));
    if (typed)
        return QStringLiteral("const body = %1;\n\n").arg(text);
    // Text would get a text/plain Content-Type from fetch; bytes get none, like the request.
    return QStringLiteral("// As bytes, so that fetch adds no Content-Type of its own.\n"
                          "const body = new TextEncoder().encode(%1);\n\n")
        .arg(text);
}

QString fetchSnippet(const Request &request, const SnippetOptions &options, Runtime runtime)
{
    const QString unit = indentUnit(options);
    const QByteArray method = request.wireMethod();
    QString out;
    if (runtime == Runtime::Node)
        out += QStringLiteral("// Node.js 18 or later, where fetch is built in.\n");

    QList<WireHeader> headers;
    out += headersDeclaration(request.wireHeaders(), runtime, headers);

    // fetch throws for a GET or HEAD with a body rather than sending it.
    const bool sendsBody = request.hasBody() && !isBodylessMethod(method);
    if (request.hasBody() && !sendsBody)
        out += QStringLiteral("// fetch cannot send a body with %1, so the body is left out.\n\n")
                   .arg(QString::fromLatin1(method));
    if (sendsBody)
        out += bodyDeclaration(request.body, containsHeader(headers, "Content-Type"), unit);

    out += QStringLiteral("const options = {\n");
    out += unit + QStringLiteral("method: %1,\n").arg(byteStringLiteral(method));
    if (!headers.isEmpty())
        out += unit + QStringLiteral("headers: headers,\n");
    if (sendsBody)
        out += unit + QStringLiteral("body: body,\n");
    out += QStringLiteral("};\n\n");

    out += QStringLiteral("fetch(%1, options)\n").arg(stringLiteral(wireUrl(request)));
    out += unit + QStringLiteral(".then((response) => response.text())\n");
    out += unit + QStringLiteral(".then((text) => console.log(text))\n");
    if (runtime == Runtime::Browser) {
        out += unit + QStringLiteral(".catch((error) => console.error(error));\n");
        return out;
    }
    // In Node a failed request should fail the script too.
    out += unit + QStringLiteral(".catch((error) => {\n");
    out += unit + unit + QStringLiteral("console.error(error);\n");
    out += unit + unit + QStringLiteral("process.exitCode = 1;\n");
    out += unit + QStringLiteral("});\n");
    return out;
}

} // namespace ferry::codegen::js
