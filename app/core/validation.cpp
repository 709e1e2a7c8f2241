#include "core/validation.h"

#include "core/variables.h"

#include <QUrl>

namespace ferry {

namespace {

// RFC 9110 token characters, used by method names and header field names.
bool isTokenChar(QChar c)
{
    if (c.unicode() > 0x7e)
        return false;
    if (c.isLetterOrNumber())
        return true;
    return QStringView(u"!#$%&'*+-.^_`|~").contains(c);
}

// Describes a character for a message: printable ones quoted, others by name or code.
QString describeChar(QChar c)
{
    switch (c.unicode()) {
    case '\r':
        return QStringLiteral("a carriage return (CR)");
    case '\n':
        return QStringLiteral("a line break (LF)");
    case '\t':
        return QStringLiteral("a tab");
    case ' ':
        return QStringLiteral("a space");
    case 0:
        return QStringLiteral("a NUL byte");
    default:
        break;
    }
    if (c.unicode() < 0x20 || c.unicode() == 0x7f)
        return QStringLiteral("the control character U+%1")
            .arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0'));
    return QStringLiteral("'%1'").arg(c);
}

// The first character a header value may not hold (control characters other than tab,
// which includes CR and LF), or -1.
qsizetype firstForbiddenInValue(const QString &value)
{
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char16_t u = value.at(i).unicode();
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return i;
    }
    return -1;
}

void checkMethod(const QString &method, QList<FieldProblem> &problems)
{
    const QString trimmed = method.trimmed();
    if (trimmed.isEmpty()) {
        problems.append({RequestField::Method, -1, QStringLiteral("Choose or type a method.")});
        return;
    }
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        if (!isTokenChar(trimmed.at(i))) {
            problems.append({RequestField::Method, -1,
                             QStringLiteral("The method '%1' contains %2 at character %3; a "
                                            "method is a single word of letters, digits and "
                                            "!#$%&'*+-.^_`|~.")
                                 .arg(trimmed, describeChar(trimmed.at(i)))
                                 .arg(i + 1)});
            return;
        }
    }
}

void checkUrl(const QString &rawUrl, QList<FieldProblem> &problems)
{
    auto fail = [&](const QString &message) {
        problems.append({RequestField::Url, -1, message});
    };

    const QString url = rawUrl.trimmed();
    if (url.isEmpty()) {
        fail(QStringLiteral("Enter a URL, such as https://example.com/api."));
        return;
    }

    // Validation sees the resolved request, so a placeholder still here names no known value;
    // saying so beats the "malformed URL" it would otherwise cause.
    const QStringList unknown = referencedVariables(url);
    if (!unknown.isEmpty()) {
        fail(QStringLiteral("The URL uses {{%1}}, which is not defined.").arg(unknown.first()));
        return;
    }

    // Checked before parsing: QUrl would quietly drop or encode these, and a line break in a
    // request line lets a URL smuggle headers.
    for (qsizetype i = 0; i < url.size(); ++i) {
        const char16_t u = url.at(i).unicode();
        if (u < 0x20 || u == 0x7f) {
            fail(QStringLiteral("The URL contains %1 at character %2; remove it.")
                     .arg(describeChar(url.at(i)))
                     .arg(i + 1));
            return;
        }
    }

    const qsizetype schemeEnd = url.indexOf(QStringLiteral("://"));
    if (schemeEnd <= 0) {
        fail(QStringLiteral("The URL needs to start with http:// or https://."));
        return;
    }
    const QString scheme = url.left(schemeEnd).toLower();
    if (scheme != QStringLiteral("http") && scheme != QStringLiteral("https")) {
        fail(QStringLiteral("The scheme '%1' is not supported; Ferry sends http:// and https:// "
                            "URLs.")
                 .arg(url.left(schemeEnd)));
        return;
    }

    // The host and port are checked by hand first: they are what users mistype most, and
    // QUrl's own messages for them are written for programmers.
    const QString authority =
        url.mid(schemeEnd + 3).section(u'/', 0, 0).section(u'?', 0, 0).section(u'#', 0, 0);
    const QString hostAndPort = authority.section(u'@', -1);
    if (hostAndPort.contains(u' ')) {
        fail(QStringLiteral("The host '%1' contains a space.").arg(hostAndPort));
        return;
    }
    const qsizetype bracketEnd = hostAndPort.startsWith(u'[') ? hostAndPort.indexOf(u']') : -1;
    const qsizetype portColon = hostAndPort.indexOf(u':', bracketEnd + 1);
    // An empty port ("host:/") means the scheme's default, as in browsers.
    if (portColon >= 0 && portColon + 1 < hostAndPort.size()) {
        const QString port = hostAndPort.mid(portColon + 1);
        bool isNumber = false;
        const uint value = port.toUInt(&isNumber);
        if (!isNumber || value == 0 || value > 65535) {
            fail(QStringLiteral("The port '%1' is not a number from 1 to 65535.").arg(port));
            return;
        }
    }

    // Tolerant parsing percent-encodes spaces and similar in the path and query, as a browser
    // would; only a URL that even that cannot read is malformed.
    const QUrl parsed(url, QUrl::TolerantMode);
    if (!parsed.isValid()) {
        const QString reason =
            parsed.errorString().section(QStringLiteral("; source was"), 0, 0).trimmed();
        fail(QStringLiteral("The URL is malformed: %1.").arg(reason));
        return;
    }
    if (parsed.host().isEmpty()) {
        fail(QStringLiteral("The URL has no host after %1://.").arg(scheme));
        return;
    }
}

void checkHeaders(const QList<HeaderRow> &rows, QList<FieldProblem> &problems)
{
    for (qsizetype row = 0; row < rows.size(); ++row) {
        const HeaderRow &header = rows.at(row);
        if (!header.enabled)
            continue;

        const QString name = header.name.trimmed();
        const int rowIndex = int(row);
        if (name.isEmpty()) {
            if (!header.value.isEmpty())
                problems.append(
                    {RequestField::HeaderName, rowIndex,
                     QStringLiteral("Header row %1 has a value but no name.").arg(row + 1)});
        } else {
            for (qsizetype i = 0; i < name.size(); ++i) {
                if (isTokenChar(name.at(i)))
                    continue;
                problems.append({RequestField::HeaderName, rowIndex,
                                 QStringLiteral("The header name '%1' (row %2) contains %3 at "
                                                "character %4; header names cannot contain "
                                                "spaces, colons or control characters.")
                                     .arg(name)
                                     .arg(row + 1)
                                     .arg(describeChar(name.at(i)))
                                     .arg(i + 1)});
                break;
            }
        }

        const qsizetype bad = firstForbiddenInValue(header.value);
        if (bad >= 0) {
            problems.append({RequestField::HeaderValue, rowIndex,
                             QStringLiteral("The value of header '%1' (row %2) contains %3 at "
                                            "character %4; header values must be on one line.")
                                 .arg(name.isEmpty() ? QStringLiteral("(no name)") : name)
                                 .arg(row + 1)
                                 .arg(describeChar(header.value.at(bad)))
                                 .arg(bad + 1)});
        }
    }
}

} // namespace

QList<FieldProblem> validateRequest(const Request &request)
{
    QList<FieldProblem> problems;
    checkMethod(request.method, problems);
    checkUrl(request.url, problems);
    checkHeaders(request.headers, problems);

    if (request.auth.kind == AuthKind::Bearer) {
        const qsizetype bad = firstForbiddenInValue(request.auth.token);
        if (bad >= 0)
            problems.append({RequestField::Token, -1,
                             QStringLiteral("The token contains %1 at character %2; a token "
                                            "must be on one line.")
                                 .arg(describeChar(request.auth.token.at(bad)))
                                 .arg(bad + 1)});
    }

    const qsizetype badType = firstForbiddenInValue(request.contentType);
    if (badType >= 0)
        problems.append({RequestField::ContentType, -1,
                         QStringLiteral("The content type contains %1 at character %2.")
                             .arg(describeChar(request.contentType.at(badType)))
                             .arg(badType + 1)});
    return problems;
}

} // namespace ferry
