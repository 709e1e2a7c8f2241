#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

namespace ferry {

// Ferry's built-in echo server: on 127.0.0.1 and a free port, it answers any method and path
// with a JSON document of the method, path, query, headers and body it received. It starts on
// first use, so Ferry is useful offline from the first launch.
//
// The document (Content-Type application/json, status 200):
//   method      the method token exactly as sent ("GET", "PROPFIND", "MyMethod")
//   target      the request target as sent, undecoded ("/a%20b?q=1")
//   path        the target before '?', undecoded
//   rawQuery    the target after '?', undecoded ("" when there is none)
//   query       name -> value, decoded ('+' is a space); a repeated name -> list of values
//   headers     name -> value; a repeated name -> list of values
//   headerList  [[name, value], ...] in the order received, repeats kept
//   body        the body as text, or base64 when it is not UTF-8 ...
//   bodyEncoding  ... in which case this is "base64" (absent for text)
//   json        the body parsed, when it is JSON; otherwise null
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
