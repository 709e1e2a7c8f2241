#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

namespace ferry {

// Ferry's built-in echo server: on 127.0.0.1 and a free port, it answers any method and path
// with a JSON document of the method, path, query, headers and body it received. It starts on
// first use, so Ferry is useful offline from the first launch.
class EchoServer final : public QObject {
    Q_OBJECT

public:
    explicit EchoServer(QObject *parent = nullptr);
    ~EchoServer() override;

    // Starts listening if it is not already; returns false (with errorString()) on failure.
    bool ensureStarted();
    bool isListening() const;
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT
    QString errorString() const;

private:
    class Server;
    std::unique_ptr<Server> m_server;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace ferry
