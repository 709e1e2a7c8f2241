#include "core/codegen/httpgenerator.h"

#include "core/codegen/codegenutil.h"

#include <QUrl>

namespace ferry::codegen {

TargetInfo HttpGenerator::info() const
{
    return {QStringLiteral("http"), QStringLiteral("HTTP/1.1 message"), QStringLiteral("http"),
            QStringLiteral("http")};
}

// The request target as it appears in the request line: path and query, never empty.
static QByteArray requestTarget(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return target;
}

// host[:port] for the Host header; the port only when it is not the scheme's default.
static QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == QStringLiteral("https") ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

QString HttpGenerator::generate(const Request &request, const SnippetOptions &) const
{
    const QUrl url(wireUrl(request));
    const QList<WireHeader> headers = request.wireHeaders();
    const QByteArray method = request.wireMethod();
    // Ferry sends no body with HEAD, whose answer has none either.
    const bool sendsBody = request.hasBody() && method != "HEAD";
    QByteArray head = method + ' ' + requestTarget(url) + " HTTP/1.1\n";

    if (!containsHeader(headers, "Host"))
        head += "Host: " + hostHeader(url) + '\n';
    for (const WireHeader &header : headers)
        head += header.name + ": " + header.value + '\n';
    if (sendsBody && !containsHeader(headers, "Content-Length"))
        head += "Content-Length: " + QByteArray::number(request.body.size()) + '\n';
    head += '\n';

    QString out = QString::fromUtf8(head);
    if (!sendsBody)
        return out;
    // A text snippet cannot hold bytes that are not UTF-8; say what is there instead.
    if (!isValidUtf8(request.body))
        return out
               + QStringLiteral("<%1 bytes of binary data, not shown>\n").arg(request.body.size());
    return out + QString::fromUtf8(request.body);
}

} // namespace ferry::codegen
