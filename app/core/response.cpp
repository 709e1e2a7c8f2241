#include "core/response.h"

#include <QHash>

namespace ferry {

QString CertificateInfo::describe() const
{
    QStringList lines;
    lines << QStringLiteral("Subject: %1").arg(subject);
    lines << QStringLiteral("Issuer: %1").arg(issuer);
    lines << QStringLiteral("Valid from %1 to %2")
                 .arg(notBefore.toUTC().toString(Qt::ISODate),
                      notAfter.toUTC().toString(Qt::ISODate));
    if (!subjectAltNames.isEmpty())
        lines << QStringLiteral("Names: %1").arg(subjectAltNames.join(QStringLiteral(", ")));
    return lines.join(u'\n');
}

QByteArray Response::header(QByteArrayView name) const
{
    for (const WireHeader &h : headers) {
        if (name.compare(h.name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

QString Response::statusClass() const
{
    if (statusCode >= 100 && statusCode < 200)
        return QStringLiteral("informational");
    if (statusCode >= 200 && statusCode < 300)
        return QStringLiteral("success");
    if (statusCode >= 300 && statusCode < 400)
        return QStringLiteral("redirect");
    if (statusCode >= 400 && statusCode < 500)
        return QStringLiteral("client-error");
    if (statusCode >= 500 && statusCode < 600)
        return QStringLiteral("server-error");
    return QStringLiteral("none");
}

QString reasonPhrase(int statusCode)
{
    static const QHash<int, QString> phrases = {
        {100, QStringLiteral("Continue")},
        {101, QStringLiteral("Switching Protocols")},
        {200, QStringLiteral("OK")},
        {201, QStringLiteral("Created")},
        {202, QStringLiteral("Accepted")},
        {203, QStringLiteral("Non-Authoritative Information")},
        {204, QStringLiteral("No Content")},
        {205, QStringLiteral("Reset Content")},
        {206, QStringLiteral("Partial Content")},
        {300, QStringLiteral("Multiple Choices")},
        {301, QStringLiteral("Moved Permanently")},
        {302, QStringLiteral("Found")},
        {303, QStringLiteral("See Other")},
        {304, QStringLiteral("Not Modified")},
        {307, QStringLiteral("Temporary Redirect")},
        {308, QStringLiteral("Permanent Redirect")},
        {400, QStringLiteral("Bad Request")},
        {401, QStringLiteral("Unauthorized")},
        {402, QStringLiteral("Payment Required")},
        {403, QStringLiteral("Forbidden")},
        {404, QStringLiteral("Not Found")},
        {405, QStringLiteral("Method Not Allowed")},
        {406, QStringLiteral("Not Acceptable")},
        {407, QStringLiteral("Proxy Authentication Required")},
        {408, QStringLiteral("Request Timeout")},
        {409, QStringLiteral("Conflict")},
        {410, QStringLiteral("Gone")},
        {411, QStringLiteral("Length Required")},
        {412, QStringLiteral("Precondition Failed")},
        {413, QStringLiteral("Content Too Large")},
        {414, QStringLiteral("URI Too Long")},
        {415, QStringLiteral("Unsupported Media Type")},
        {416, QStringLiteral("Range Not Satisfiable")},
        {417, QStringLiteral("Expectation Failed")},
        {418, QStringLiteral("I'm a teapot")},
        {421, QStringLiteral("Misdirected Request")},
        {422, QStringLiteral("Unprocessable Content")},
        {425, QStringLiteral("Too Early")},
        {426, QStringLiteral("Upgrade Required")},
        {428, QStringLiteral("Precondition Required")},
        {429, QStringLiteral("Too Many Requests")},
        {431, QStringLiteral("Request Header Fields Too Large")},
        {451, QStringLiteral("Unavailable For Legal Reasons")},
        {500, QStringLiteral("Internal Server Error")},
        {501, QStringLiteral("Not Implemented")},
        {502, QStringLiteral("Bad Gateway")},
        {503, QStringLiteral("Service Unavailable")},
        {504, QStringLiteral("Gateway Timeout")},
        {505, QStringLiteral("HTTP Version Not Supported")},
        {511, QStringLiteral("Network Authentication Required")},
    };
    return phrases.value(statusCode);
}

} // namespace ferry
