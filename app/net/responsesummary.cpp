#include "net/responsesummary.h"

#include <QStringList>

namespace ferry {

namespace {

bool isEncrypted(const Response &response)
{
    return !response.tlsProtocol.isEmpty() || !response.certificateChain.isEmpty();
}

} // namespace

QString byteCountText(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("unknown");
    const QString exact =
        bytes == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(bytes);
    if (bytes < 1024)
        return exact;
    const double kb = bytes / 1024.0;
    const QString approx = kb < 1024 ? QStringLiteral("%1 KB").arg(kb, 0, 'f', 1)
                                     : QStringLiteral("%1 MB").arg(kb / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 (%2)").arg(exact, approx);
}

QString millisecondsText(qint64 milliseconds)
{
    return milliseconds < 0 ? QStringLiteral("unknown") : QStringLiteral("%1 ms").arg(milliseconds);
}

QString cookieExpiryText(const ResponseCookie &cookie)
{
    if (!cookie.expires.isValid())
        return QStringLiteral("end of session");
    return cookie.expires.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString cookieFlagsText(const ResponseCookie &cookie)
{
    QStringList flags;
    if (cookie.httpOnly)
        flags << QStringLiteral("HttpOnly");
    if (cookie.secure)
        flags << QStringLiteral("Secure");
    if (!cookie.sameSite.isEmpty())
        flags << QStringLiteral("SameSite=%1").arg(cookie.sameSite);
    return flags.join(QStringLiteral(", "));
}

QList<DetailLine> generalDetails(const Response &response)
{
    QList<DetailLine> lines;
    if (!response.succeeded()) {
        lines.append({QStringLiteral("Status"), QStringLiteral("no response")});
    } else {
        lines.append(
            {QStringLiteral("Status"),
             QStringLiteral("%1 %2").arg(response.statusCode).arg(response.reason).trimmed()});
        lines.append({QStringLiteral("HTTP version"), response.httpVersion});
    }
    // Qt reports the address only for URLs that name an IP address (see HttpClient).
    lines.append({QStringLiteral("Remote address"), response.remoteAddress.isEmpty()
                                                        ? QStringLiteral("unknown")
                                                        : response.remoteAddress});
    lines.append({QStringLiteral("Final URL"),
                  response.finalUrl.isEmpty() ? QStringLiteral("none") : response.finalUrl});
    return lines;
}

QList<DetailLine> sizeDetails(const Response &response)
{
    return {
        {QStringLiteral("Headers"), byteCountText(response.sizes.headers)},
        {QStringLiteral("Body on the wire"), byteCountText(response.sizes.bodyOnWire)},
        {QStringLiteral("Body decoded"), byteCountText(response.sizes.bodyDecoded)},
    };
}

QList<DetailLine> timingDetails(const Response &response)
{
    const Timings &t = response.timings;
    QString handshake = millisecondsText(t.tlsHandshakeMs);
    if (t.tlsHandshakeMs < 0 && response.succeeded())
        handshake = isEncrypted(response) ? QStringLiteral("unknown (connection reused)")
                                          : QStringLiteral("none (plain HTTP)");
    return {
        {QStringLiteral("TLS handshake done"), handshake},
        {QStringLiteral("First byte"), millisecondsText(t.firstByteMs)},
        {QStringLiteral("Last byte"), millisecondsText(t.lastByteMs)},
        {QStringLiteral("Total"), millisecondsText(t.totalMs)},
    };
}

QList<DetailLine> tlsDetails(const Response &response)
{
    if (!isEncrypted(response))
        return {{QStringLiteral("Encryption"), QStringLiteral("none (plain HTTP)")}};

    QList<DetailLine> lines;
    lines.append({QStringLiteral("Protocol"), response.tlsProtocol.isEmpty()
                                                  ? QStringLiteral("unknown")
                                                  : response.tlsProtocol});
    lines.append({QStringLiteral("Cipher"),
                  response.tlsCipher.isEmpty() ? QStringLiteral("unknown") : response.tlsCipher});
    for (qsizetype i = 0; i < response.certificateChain.size(); ++i)
        lines.append({QStringLiteral("Certificate %1").arg(i + 1),
                      response.certificateChain.at(i).describe()});
    return lines;
}

} // namespace ferry
