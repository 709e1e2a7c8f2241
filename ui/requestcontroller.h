#pragma once

#include "core/request.h"
#include "core/response.h"
#include "core/validation.h"
#include "net/httpclient.h"

#include <QList>
#include <QObject>
#include <QUrl>

namespace ferry {

class EchoServer;

// The path of one request through Ferry: resolve its variables, validate it, send it, and
// hand the response to whoever shows it. It owns the HTTP client and the built-in echo server,
// which starts the first time a request refers to {{$echo}}.
class RequestController final : public QObject {
    Q_OBJECT

public:
    explicit RequestController(QObject *parent = nullptr);
    ~RequestController() override;

    // The request with Ferry's variables filled in, for sending and for the code panel.
    Request resolve(const Request &request);

    // Resolves, validates and sends. Returns the problems that kept the request from going out
    // (also reported through problemsFound); an empty list means it is on its way.
    QList<FieldProblem> send(const Request &request);
    void cancel();
    bool isBusy() const { return m_current != 0; }

    // How every later request is sent: extra CAs to trust, verification, timeouts.
    void setSendOptions(const SendOptions &options) { m_options = options; }
    const SendOptions &sendOptions() const { return m_options; }

Q_SIGNALS:
    void problemsFound(const QList<ferry::FieldProblem> &problems);
    void busyChanged(bool busy);
    void responseReady(const ferry::Response &response);
    void echoServerStarted(const QUrl &baseUrl);

private:
    bool ensureEchoServer();
    void handleFinished(quint64 id, const Response &response);

    HttpClient *m_client = nullptr;
    EchoServer *m_echo = nullptr;
    QString m_echoError;
    SendOptions m_options;
    quint64 m_current = 0; // the id of the request in flight; 0 when idle
};

} // namespace ferry
