#include "net/httpclient.h"

#include "core/logging.h"
#include "core/validation.h"
#include "net/tlsdescription.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <algorithm>

#ifndef FERRY_VERSION
#define FERRY_VERSION "0"
#endif

namespace ferry {

struct HttpClient::Pending {
    quint64 id = 0;
    SendOptions options;
    QNetworkAccessManager *manager = nullptr;
    QPointer<QNetworkReply> reply;
    std::unique_ptr<QTimer> deadline;
    QElapsedTimer clock;

    // The current hop; redirects change all four.
    QByteArray method;
    QUrl url;
    QList<WireHeader> headers;
    QByteArray body;
    int redirects = 0;

    // Certificate problems reported during the current hop's handshake.
    QList<QSslError> sslErrors;
    QList<QSslCertificate> peerChain;

    // The current hop's milestones on the clock; -1 until they happen.
    qint64 tlsHandshakeMs = -1;
    qint64 firstByteMs = -1;
    QList<RedirectHop> redirectHops;
};

namespace {

// Everything a log line may show of a URL: no user info, query or fragment, which may carry
// credentials.
QString loggableUrl(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString hostAndPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QStringLiteral("https") ? 443 : 80);
    const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

bool isHttps(const QUrl &url)
{
    return url.scheme().compare(QStringLiteral("https"), Qt::CaseInsensitive) == 0;
}

QString origin(const QUrl &url)
{
    return url.scheme().toLower() + QStringLiteral("://") + hostAndPort(url).toLower();
}

bool hasHeader(const QList<WireHeader> &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const WireHeader &header) {
        return name.compare(header.name, Qt::CaseInsensitive) == 0;
    });
}

void removeHeaders(QList<WireHeader> &headers, std::initializer_list<QByteArrayView> names)
{
    headers.removeIf([names](const WireHeader &header) {
        return std::any_of(names.begin(), names.end(), [&header](QByteArrayView name) {
            return name.compare(header.name, Qt::CaseInsensitive) == 0;
        });
    });
}

// The methods whose empty body is still announced with "Content-Length: 0", as servers
// expect for them; for the rest an empty body means no body at all.
bool announcesEmptyBody(const QByteArray &method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

// "1 second", "2.5 seconds": the deadline as a user wrote it.
QString secondsText(int ms)
{
    const QString number = QString::number(ms / 1000.0, 'g', 3);
    return number == QStringLiteral("1") ? QStringLiteral("1 second")
                                         : QStringLiteral("%1 seconds").arg(number);
}

QString describeProblems(const QList<FieldProblem> &problems)
{
    QStringList messages;
    for (const FieldProblem &problem : problems)
        messages << problem.message;
    return QStringLiteral("The request was not sent. %1").arg(messages.join(u' '));
}

// The bytes QNetworkRequest gets for the headers: duplicates joined into one line.
QList<WireHeader> mergedHeaders(const QList<WireHeader> &headers)
{
    QList<WireHeader> merged;
    for (const WireHeader &header : headers) {
        auto same = std::find_if(merged.begin(), merged.end(), [&header](const WireHeader &m) {
            return header.name.compare(m.name, Qt::CaseInsensitive) == 0;
        });
        if (same == merged.end()) {
            merged.append(header);
            continue;
        }
        // TODO(QNetworkRequest keeps one value per header name): repeated headers are sent
        // as one line joined with ", " (Cookie with "; "), which HTTP defines as equivalent
        // for list-valued headers; send them separately once Qt's request API allows it.
        const QByteArray separator = header.name.compare("Cookie", Qt::CaseInsensitive) == 0
                                         ? QByteArrayLiteral("; ")
                                         : QByteArrayLiteral(", ");
        same->value += separator + header.value;
    }
    return merged;
}

// The response headers in the order they arrived, as far as Qt keeps it: it joins a repeated
// header into one value (Set-Cookie with line breaks, others with ", ") placed where its last
// copy was. Set-Cookie is split back into one header per cookie, as cookies cannot be joined.
QList<WireHeader> responseHeaders(const QNetworkReply &reply)
{
    QList<WireHeader> headers;
    for (const auto &[name, value] : reply.rawHeaderPairs()) {
        if (name.compare("Set-Cookie", Qt::CaseInsensitive) == 0 && value.contains('\n')) {
            for (const QByteArray &cookie : value.split('\n'))
                headers.append({name, cookie});
            continue;
        }
        headers.append({name, value});
    }
    return headers;
}

// Where the reply came from. Qt 6.4 does not tell which address a reply's connection used,
// so this is known only when the URL names an IP address (no name to resolve). A proxy, if
// one were configured, would make even that the proxy's address; Ferry's managers use none.
QString remoteAddress(const QUrl &url)
{
    const QHostAddress address(url.host());
    if (address.isNull())
        return {};
    return hostAndPort(url);
}

// The status line, each header line ("Name: value" and CRLF) and the closing blank line. Qt
// joins a repeated header (other than Set-Cookie) into one line, so such headers count a few
// bytes less than they took on the wire; HTTP/2 headers are counted in this HTTP/1.1 form.
qint64 headersSize(const QNetworkReply &reply, const QList<WireHeader> &headers)
{
    const QByteArray reason =
        reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().toUtf8();
    const QByteArray status =
        reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toString().toLatin1();
    // "HTTP/1.1 " + status + " " + reason + CRLF
    qint64 size = 9 + status.size() + 1 + reason.size() + 2;
    for (const WireHeader &header : headers)
        size += header.name.size() + header.value.size() + 4;
    // A body Qt decompressed lost its Content-Length header (see bodyOnWireSize); it still
    // came over the wire.
    const QVariant original = reply.attribute(QNetworkRequest::OriginalContentLengthAttribute);
    if (original.isValid() && !hasHeader(headers, "Content-Length"))
        size += qstrlen("Content-Length") + QByteArray::number(original.toLongLong()).size() + 4;
    return size + 2;
}

// The body's size on the wire. When Qt decompressed the body (it asks for gzip, deflate and
// br itself unless the request set Accept-Encoding), it drops Content-Length from the headers
// and keeps it as OriginalContentLengthAttribute; that is all Qt lets one see of the
// compressed size, so a compressed body sent without Content-Length (chunked) counts as
// unknown. Otherwise the body came as it is, and its size is what arrived.
qint64 bodyOnWireSize(const QNetworkReply &reply, const QList<WireHeader> &requestHeaders,
                      const Response &response)
{
    const QVariant original = reply.attribute(QNetworkRequest::OriginalContentLengthAttribute);
    if (original.isValid())
        return original.toLongLong();
    const QByteArray encoding = response.header("Content-Encoding").trimmed().toLower();
    const bool decodedByQt = !encoding.isEmpty() && encoding != "identity"
                             && !hasHeader(requestHeaders, "Accept-Encoding");
    return decodedByQt ? -1 : response.body.size();
}

QString tlsProtocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLS 1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLS 1.3");
    case QSsl::DtlsV1_2:
        return QStringLiteral("DTLS 1.2");
    default:
        return QStringLiteral("TLS (version unknown)");
    }
}

QString sameSiteName(QNetworkCookie::SameSite policy)
{
    switch (policy) {
    case QNetworkCookie::SameSite::None:
        return QStringLiteral("None");
    case QNetworkCookie::SameSite::Lax:
        return QStringLiteral("Lax");
    case QNetworkCookie::SameSite::Strict:
        return QStringLiteral("Strict");
    case QNetworkCookie::SameSite::Default:
        break;
    }
    return {};
}

// Every cookie of every Set-Cookie header, read by Qt's parser. Lines it cannot read (no
// name=value) are left out; the header itself still shows them.
QList<ResponseCookie> responseCookies(const QList<WireHeader> &headers)
{
    QList<ResponseCookie> cookies;
    for (const WireHeader &header : headers) {
        if (header.name.compare("Set-Cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QNetworkCookie &parsed : QNetworkCookie::parseCookies(header.value)) {
            ResponseCookie cookie;
            cookie.name = QString::fromUtf8(parsed.name());
            cookie.value = QString::fromUtf8(parsed.value());
            cookie.domain = parsed.domain();
            cookie.path = parsed.path();
            cookie.expires = parsed.expirationDate();
            cookie.httpOnly = parsed.isHttpOnly();
            cookie.secure = parsed.isSecure();
            cookie.sameSite = sameSiteName(parsed.sameSitePolicy());
            cookies.append(cookie);
        }
    }
    return cookies;
}

Response failure(FailureKind kind, const QString &message)
{
    Response response;
    response.failure = kind;
    response.failureMessage = message;
    return response;
}

// True when the reply carries an HTTP answer, even one Qt counts as an error (404, 500, ...).
bool isHttpAnswer(const QNetworkReply &reply)
{
    if (!reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
        return false;
    const int error = reply.error();
    if (error == QNetworkReply::NoError)
        return true;
    // Qt's content (2xx) and server (4xx) error ranges are HTTP status codes it mapped.
    return (error >= QNetworkReply::ContentAccessDenied
            && error <= QNetworkReply::UnknownContentError)
           || (error >= QNetworkReply::InternalServerError
               && error <= QNetworkReply::UnknownServerError)
           || error == QNetworkReply::ProtocolInvalidOperationError;
}

} // namespace

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
{}

HttpClient::~HttpClient()
{
    // Replies belong to the managers, which go with this object; stop listening first so no
    // handler runs on a half-destroyed client.
    for (auto &[id, pending] : m_pending) {
        if (pending->reply) {
            pending->reply->disconnect(this);
            pending->reply->abort();
        }
    }
}

QByteArray HttpClient::defaultUserAgent()
{
    return QByteArrayLiteral("Ferry/" FERRY_VERSION);
}

quint64 HttpClient::send(const Request &request, const SendOptions &options)
{
    const quint64 id = m_nextId++;
    auto pending = std::make_unique<Pending>();
    pending->id = id;
    pending->options = options;
    pending->clock.start();
    Pending &p = *pending;
    m_pending.emplace(id, std::move(pending));

    const QList<FieldProblem> problems = validateRequest(request);
    // Tolerant parsing keeps what the user typed: it only percent-encodes what cannot go on
    // the wire as it is (spaces, non-ASCII), and leaves existing %XX and '+' alone.
    const QUrl url(request.url.trimmed(), QUrl::TolerantMode);
    const QString scheme = url.scheme().toLower();
    QString refusal;
    if (!problems.isEmpty())
        refusal = describeProblems(problems);
    else if (!url.isValid() || url.host().isEmpty())
        refusal =
            QStringLiteral("The request was not sent: '%1' is not a valid URL.").arg(request.url);
    else if (scheme != QStringLiteral("http") && scheme != QStringLiteral("https"))
        refusal = QStringLiteral("The request was not sent: Ferry sends http:// and https:// "
                                 "URLs only, not '%1'.")
                      .arg(url.scheme());
    if (!refusal.isEmpty()) {
        // Not the message itself: it may quote the URL, and a query can hold a token.
        qCDebug(lcNet) << "refused request" << id << "before sending:" << problems.size()
                       << "problem(s)";
        // Queued, so the caller has the id before finished() arrives.
        QMetaObject::invokeMethod(
            this,
            [this, id, refusal] { complete(id, failure(FailureKind::InvalidRequest, refusal)); },
            Qt::QueuedConnection);
        return id;
    }

    p.method = request.wireMethod();
    p.url = url;
    p.headers = request.wireHeaders();
    p.body = request.body;
    p.manager = managerFor(options);

    if (options.timeoutMs > 0) {
        p.deadline = std::make_unique<QTimer>();
        p.deadline->setSingleShot(true);
        // A coarse timer may fire a little early; the deadline is a promise to the user.
        p.deadline->setTimerType(Qt::PreciseTimer);
        connect(p.deadline.get(), &QTimer::timeout, this, [this, id] {
            const auto it = m_pending.find(id);
            if (it == m_pending.end())
                return;
            const Pending &timedOut = *it->second;
            complete(id, failure(FailureKind::Timeout,
                                 QStringLiteral("No complete answer from %1 within %2.")
                                     .arg(hostAndPort(timedOut.url),
                                          secondsText(timedOut.options.timeoutMs))));
        });
        p.deadline->start(options.timeoutMs);
    }

    startHop(p);
    return id;
}

void HttpClient::startHop(Pending &p)
{
    QNetworkRequest request(p.url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // Ferry sends only the cookies the user wrote, and keeps none it receives.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // HTTP/2 is welcome where the server offers it (ALPN); the response says which was used.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!p.options.insecure && !p.options.extraCaCertificates.isEmpty())
        tls.setCaCertificates(QSslConfiguration::systemCaCertificates()
                              + p.options.extraCaCertificates);
    request.setSslConfiguration(tls);

    for (const WireHeader &header : mergedHeaders(p.headers)) {
        // Qt computes Content-Length from the body; a different value would break framing.
        if (header.name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            continue;
        // Qt leaves out a header whose value is a null array; an empty one must still go.
        request.setRawHeader(header.name,
                             header.value.isNull() ? QByteArrayLiteral("") : header.value);
    }
    if (!hasHeader(p.headers, "User-Agent"))
        request.setRawHeader("User-Agent", defaultUserAgent());

    qCDebug(lcNet).noquote() << "sending" << p.id << p.method << loggableUrl(p.url);
    for (const WireHeader &header : p.headers)
        qCDebug(lcNet).noquote() << "  " << header.name << ":"
                                 << redactedHeaderValue(header.name, header.value);

    p.sslErrors.clear();
    p.peerChain.clear();
    p.tlsHandshakeMs = -1;
    p.firstByteMs = -1;
    QNetworkReply *reply = nullptr;
    if (p.method == "HEAD")
        reply = p.manager->head(request); // Qt must know not to wait for a body
    else if (!p.body.isEmpty() || announcesEmptyBody(p.method))
        reply = p.manager->sendCustomRequest(request, p.method, p.body);
    else
        reply = p.manager->sendCustomRequest(request, p.method, static_cast<QIODevice *>(nullptr));
    p.reply = reply;

    const quint64 id = p.id;
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, id, reply](const QList<QSslError> &errors) { onSslErrors(id, reply, errors); });
    connect(reply, &QNetworkReply::finished, this,
            [this, id, reply] { onReplyFinished(id, reply); });

    // Qt emits encrypted only when this reply's connection did the handshake, not when it
    // reused an open one, so a reused connection leaves the handshake time unknown.
    Pending *pending = &p;
    connect(reply, &QNetworkReply::encrypted, this, [pending] {
        if (pending->tlsHandshakeMs < 0)
            pending->tlsHandshakeMs = pending->clock.elapsed();
    });
    const auto firstByte = [pending] {
        if (pending->firstByteMs < 0)
            pending->firstByteMs = pending->clock.elapsed();
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, firstByte);
    connect(reply, &QNetworkReply::readyRead, this, firstByte);
}

QNetworkAccessManager *HttpClient::managerFor(const SendOptions &options)
{
    QByteArray profile;
    if (options.insecure) {
        profile = QByteArrayLiteral("insecure");
    } else {
        QList<QByteArray> digests;
        for (const QSslCertificate &ca : options.extraCaCertificates)
            digests << ca.digest(QCryptographicHash::Sha256).toHex();
        std::sort(digests.begin(), digests.end());
        digests.erase(std::unique(digests.begin(), digests.end()), digests.end());
        profile = QByteArrayLiteral("verify:") + digests.join(',');
    }

    QNetworkAccessManager *&manager = m_managers[profile];
    if (!manager) {
        manager = new QNetworkAccessManager(this);
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        manager->setAutoDeleteReplies(false);
    }
    return manager;
}

void HttpClient::onSslErrors(quint64 id, QNetworkReply *reply, const QList<QSslError> &errors)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second->reply != reply)
        return;
    Pending &p = *it->second;

    p.sslErrors += errors;
    p.peerChain = reply->sslConfiguration().peerCertificateChain();
    if (p.options.insecure) {
        // The user turned verification off for this request; the manager used is only for
        // such requests, so the decision cannot reach a verifying one.
        qCInfo(lcNet).noquote() << "ignoring" << errors.size() << "certificate problem(s) for"
                                << hostAndPort(p.url)
                                << "because verification is off for this request";
        reply->ignoreSslErrors(errors);
    }
}

void HttpClient::onReplyFinished(quint64 id, QNetworkReply *reply)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second->reply != reply)
        return;
    Pending &p = *it->second;

    Response response;
    if (isHttps(p.url)) {
        QList<QSslCertificate> chain = reply->sslConfiguration().peerCertificateChain();
        if (chain.isEmpty())
            chain = p.peerChain;
        for (const QSslCertificate &certificate : chain)
            response.certificateChain.append(certificateInfo(certificate));
    }

    if (!isHttpAnswer(*reply)) {
        const QNetworkReply::NetworkError error = reply->error();
        const QString where = hostAndPort(p.url);
        switch (error) {
        case QNetworkReply::ConnectionRefusedError:
            response.failure = FailureKind::ConnectionRefused;
            response.failureMessage =
                QStringLiteral("Could not connect to %1: the connection was refused (is the "
                               "server running and listening on that port?).")
                    .arg(where);
            break;
        case QNetworkReply::HostNotFoundError:
            response.failure = FailureKind::HostNotFound;
            response.failureMessage =
                QStringLiteral("Could not find the host '%1': the name did not resolve to an "
                               "address (check the spelling and your network).")
                    .arg(p.url.host());
            break;
        case QNetworkReply::TimeoutError:
            response.failure = FailureKind::Timeout;
            response.failureMessage = QStringLiteral("The connection to %1 timed out.").arg(where);
            break;
        case QNetworkReply::SslHandshakeFailedError: {
            const TlsFailure tlsFailure =
                describeTlsFailure(p.url, p.sslErrors, p.peerChain, reply->errorString());
            response.failure = FailureKind::Tls;
            response.failureMessage = tlsFailure.message;
            response.tlsProblems = tlsFailure.problems;
            break;
        }
        case QNetworkReply::RemoteHostClosedError:
            response.failure = FailureKind::Network;
            if (isHttps(p.url) && p.peerChain.isEmpty()
                && reply->sslConfiguration().peerCertificate().isNull()) {
                // No certificate ever arrived: the handshake itself failed.
                response.failure = FailureKind::Tls;
                response.failureMessage =
                    describeTlsFailure(p.url, {}, {}, QStringLiteral("it closed the connection"))
                        .message;
            } else if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()) {
                response.failureMessage =
                    QStringLiteral("The server at %1 closed the connection in the middle of its "
                                   "response; the response is incomplete.")
                        .arg(where);
            } else {
                response.failureMessage =
                    QStringLiteral("The server at %1 closed the connection before it answered.")
                        .arg(where);
            }
            break;
        default:
            response.failure = FailureKind::Network;
            response.failureMessage =
                QStringLiteral("The request to %1 failed: %2.").arg(where, reply->errorString());
            break;
        }
        qCInfo(lcNet).noquote() << "request" << id << "failed:" << response.failureMessage;
        complete(id, std::move(response));
        return;
    }

    response.statusCode = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    if (response.reason.isEmpty())
        response.reason = reasonPhrase(response.statusCode);
    // Qt tells whether HTTP/2 was used but not the minor version of HTTP/1, so an HTTP/1.0
    // answer is reported as HTTP/1.1 too.
    response.httpVersion = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
                               ? QStringLiteral("HTTP/2")
                               : QStringLiteral("HTTP/1.1");
    response.headers = responseHeaders(*reply);
    response.body = reply->readAll();
    response.timings.tlsHandshakeMs = p.tlsHandshakeMs;
    response.timings.firstByteMs = p.firstByteMs;
    response.timings.lastByteMs = p.clock.elapsed();
    response.remoteAddress = remoteAddress(p.url);
    response.sizes.headers = headersSize(*reply, response.headers);
    response.sizes.bodyOnWire = bodyOnWireSize(*reply, p.headers, response);
    response.sizes.bodyDecoded = response.body.size();
    response.cookies = responseCookies(response.headers);
    if (isHttps(p.url)) {
        const QSslConfiguration session = reply->sslConfiguration();
        response.tlsProtocol = tlsProtocolName(session.sessionProtocol());
        response.tlsCipher = session.sessionCipher().name();
    }
    if (!p.sslErrors.isEmpty()) {
        // Only reachable with verification off: the problems the user chose to ignore, so the
        // views can still say what they were.
        response.tlsProblems =
            describeTlsFailure(p.url, p.sslErrors, p.peerChain, QString()).problems;
    }

    if (followRedirect(p, reply, response))
        return;
    qCDebug(lcNet) << "request" << id << "answered" << response.statusCode;
    complete(id, std::move(response));
}

// Starts the next hop when the response is a redirect Ferry follows. Otherwise returns false
// and leaves the response to be delivered (possibly turned into a failure that says why the
// redirect was not followed).
bool HttpClient::followRedirect(Pending &p, QNetworkReply *reply, Response &response)
{
    static const QList<int> redirectStatuses = {301, 302, 303, 307, 308};
    const QByteArray location = response.header("Location");
    if (!redirectStatuses.contains(response.statusCode) || location.isEmpty())
        return false;

    const QUrl next = p.url.resolved(QUrl::fromEncoded(location.trimmed(), QUrl::TolerantMode));
    const QString nextScheme = next.scheme().toLower();
    if (!next.isValid() || next.host().isEmpty()
        || (nextScheme != QStringLiteral("http") && nextScheme != QStringLiteral("https"))) {
        response.failure = FailureKind::Network;
        response.failureMessage =
            QStringLiteral("The server answered %1 with a redirect to '%2', which Ferry cannot "
                           "follow.")
                .arg(response.statusCode)
                .arg(QString::fromUtf8(location));
        return false;
    }
    if (isHttps(p.url) && nextScheme == QStringLiteral("http")) {
        response.failure = FailureKind::Network;
        response.failureMessage =
            QStringLiteral("Did not follow the redirect from %1 to %2: Ferry never follows a "
                           "redirect from HTTPS to unencrypted HTTP.")
                .arg(loggableUrl(p.url), loggableUrl(next));
        return false;
    }
    if (p.redirects >= p.options.maxRedirects) {
        if (p.options.maxRedirects == 0)
            return false; // following is off: the redirect itself is the answer
        response.failure = FailureKind::Network;
        response.failureMessage =
            QStringLiteral("Gave up after %1 redirects; the last one pointed to %2.")
                .arg(p.redirects)
                .arg(loggableUrl(next));
        return false;
    }

    // 303, and 301/302 after a POST, continue as GET without the body, as browsers and curl
    // do; 307 and 308 repeat the request unchanged.
    const int status = response.statusCode;
    if ((status == 303 && p.method != "HEAD")
        || ((status == 301 || status == 302) && p.method == "POST")) {
        p.method = QByteArrayLiteral("GET");
        p.body.clear();
        removeHeaders(p.headers, {"Content-Type", "Content-Length", "Content-Encoding"});
    }
    if (origin(next) != origin(p.url)) {
        // Credentials were meant for the origin the user named, not wherever it points to.
        removeHeaders(p.headers, {"Authorization", "Proxy-Authorization", "Cookie"});
    }

    qCDebug(lcNet).noquote() << "request" << p.id << "redirected" << status << "to"
                             << loggableUrl(next);
    ++p.redirects;
    p.redirectHops.append({status, next.toString()});
    p.url = next;
    reply->disconnect(this);
    reply->deleteLater();
    startHop(p);
    return true;
}

void HttpClient::cancel(quint64 id)
{
    if (m_pending.find(id) == m_pending.end())
        return;
    qCDebug(lcNet) << "request" << id << "canceled";
    complete(id, failure(FailureKind::Canceled, QStringLiteral("The request was canceled.")));
}

void HttpClient::cancelAll()
{
    QList<quint64> ids;
    for (const auto &[id, pending] : m_pending)
        ids << id;
    for (const quint64 id : ids)
        cancel(id);
}

bool HttpClient::isBusy() const
{
    return !m_pending.empty();
}

void HttpClient::complete(quint64 id, Response response)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    std::unique_ptr<Pending> p = std::move(it->second);
    m_pending.erase(it);

    if (p->reply) {
        p->reply->disconnect(this);
        if (p->reply->isRunning())
            p->reply->abort();
        p->reply->deleteLater();
    }
    response.timings.totalMs = p->clock.elapsed();
    response.redirects = p->redirectHops;
    if (!p->url.isEmpty())
        response.finalUrl = p->url.toString();
    Q_EMIT finished(id, response);
}

Result<QList<QSslCertificate>> loadCaCertificates(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("Cannot read the CA certificate file '%1': %2")
                         .arg(path, file.errorString())};
    const QByteArray data = file.readAll();
    if (data.trimmed().isEmpty())
        return Error{QStringLiteral("The CA certificate file '%1' is empty.").arg(path)};

    const bool pem = data.contains("-----BEGIN");
    QList<QSslCertificate> certificates =
        QSslCertificate::fromData(data, pem ? QSsl::Pem : QSsl::Der);
    certificates.removeIf([](const QSslCertificate &c) { return c.isNull(); });
    if (certificates.isEmpty())
        return Error{QStringLiteral("The file '%1' holds no certificate Ferry can read (expected "
                                    "PEM text with BEGIN CERTIFICATE, or DER).")
                         .arg(path)};
    return certificates;
}

} // namespace ferry
