#pragma once

#include "core/request.h"
#include "core/response.h"
#include "core/result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>

class QNetworkAccessManager;
class QNetworkReply;

namespace ferry {

// How one request may be sent: which extra CAs to trust, whether to skip verification (only
// when the user asked), and how long to wait.
struct SendOptions {
    QList<QSslCertificate> extraCaCertificates;
    bool insecure = false;     // -k: accept any certificate, for this request only
    int timeoutMs = 30'000;    // total deadline; 0 means none
};

// Sends requests with QNetworkAccessManager and reports each outcome once, as a Response.
// The request must already have its variables resolved and be valid (see validateRequest).
class HttpClient final : public QObject {
    Q_OBJECT

public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // Starts sending and returns an id for cancel(); finished() follows exactly once, also
    // for requests refused before sending (failure InvalidRequest).
    quint64 send(const Request &request, const SendOptions &options = {});

    // Ends the request: finished() follows with failure Canceled. Unknown ids are ignored.
    void cancel(quint64 id);
    void cancelAll();

    bool isBusy() const;

Q_SIGNALS:
    void finished(quint64 id, const ferry::Response &response);

private:
    struct Pending;
    QNetworkAccessManager *managerFor(const SendOptions &options);
    void complete(quint64 id, Response response);

    QNetworkAccessManager *m_verifying = nullptr;
    QNetworkAccessManager *m_insecure = nullptr;
    QHash<quint64, Pending *> m_pending;
    quint64 m_nextId = 1;
};

// Loads PEM or DER certificates from a file for SendOptions::extraCaCertificates.
Result<QList<QSslCertificate>> loadCaCertificates(const QString &path);

} // namespace ferry
