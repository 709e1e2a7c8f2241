#pragma once

#include "core/request.h"
#include "core/response.h"
#include "core/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>

#include <map>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace ferry {

// How one request may be sent: which extra CAs to trust, whether to skip verification (only
// when the user asked), and how long to wait.
struct SendOptions {
    QList<QSslCertificate> extraCaCertificates;
    bool insecure = false;  // -k: accept any certificate, for this request only
    int timeoutMs = 30'000; // total deadline; 0 means none
    int maxRedirects = 10;  // redirects followed before giving up; 0 follows none
};

// Sends requests with QNetworkAccessManager and reports each outcome once, as a Response.
// The request must already have its variables resolved and be valid (see validateRequest).
//
// Redirects are followed by HttpClient itself (Qt's ManualRedirectPolicy), not by Qt: at most
// SendOptions::maxRedirects, never from HTTPS to plain HTTP, and credentials (Authorization,
// Cookie) are dropped when a redirect leads to another origin.
class HttpClient final : public QObject {
    Q_OBJECT

public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // Starts sending and returns an id for cancel(); finished() follows exactly once, also
    // for requests refused before sending (failure InvalidRequest). It is never emitted
    // before send() returns.
    quint64 send(const Request &request, const SendOptions &options = {});

    // Ends the request: finished() follows with failure Canceled. Unknown ids are ignored.
    void cancel(quint64 id);
    void cancelAll();

    bool isBusy() const;

    // The User-Agent sent when the request sets none: "Ferry/<version>".
    static QByteArray defaultUserAgent();

Q_SIGNALS:
    void finished(quint64 id, const ferry::Response &response);

private:
    struct Pending;
    QNetworkAccessManager *managerFor(const SendOptions &options);
    void startHop(Pending &pending);
    void onSslErrors(quint64 id, QNetworkReply *reply, const QList<QSslError> &errors);
    void onReplyFinished(quint64 id, QNetworkReply *reply);
    bool followRedirect(Pending &pending, QNetworkReply *reply, Response &response);
    void complete(quint64 id, Response response);

    // One manager per TLS profile (verifying with a given set of extra CAs, or insecure).
    // Qt reuses connections and remembers accepted certificates per host:port inside one
    // manager, so sharing a manager would let one request's trust leak into another's.
    QHash<QByteArray, QNetworkAccessManager *> m_managers;
    std::map<quint64, std::unique_ptr<Pending>> m_pending;
    quint64 m_nextId = 1;
};

// Loads PEM or DER certificates from a file for SendOptions::extraCaCertificates.
Result<QList<QSslCertificate>> loadCaCertificates(const QString &path);

} // namespace ferry
