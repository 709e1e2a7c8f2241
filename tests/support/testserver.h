#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QUrl>

#include <memory>

namespace ferry::test {

// One request as a test server received it.
struct ReceivedRequest {
    QByteArray method;                            // as on the wire: "GET", "PROPFIND"
    QByteArray target;                            // the raw request target: "/p?a=1%202"
    QByteArray path;                              // target before '?'
    QByteArray rawQuery;                          // target after '?', undecoded
    QList<QPair<QByteArray, QByteArray>> headers; // in order, duplicates kept
    QByteArray body;
    QByteArray version; // "HTTP/1.1"
    int connection = 0; // 1-based number of the connection used

    QByteArray header(QByteArrayView name) const;              // first match, case-insensitive
    QList<QByteArray> headerValues(QByteArrayView name) const; // every match, in order
    bool hasHeader(QByteArrayView name) const;
};

// What the server answers to every request.
struct CannedResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers = {{"Content-Type", "application/json"}};
    QByteArray body = R"({"ok":true})";
    QByteArray reason; // the reason phrase; empty means the standard one for the status
};

// A real HTTP/1.1 server on 127.0.0.1 for tests: it records every request and answers with a
// canned response. With TLS it serves the certificate and key it is given.
//
// It parses requests itself (rather than using Qt HttpServer) so that what it records is
// exactly what came over the wire: the method token, the undecoded target, every header in
// order. Connections stay open between requests unless the client asks to close them.
class TestServer final : public QObject {
    Q_OBJECT

public:
    explicit TestServer(QObject *parent = nullptr);
    ~TestServer() override;

    bool listen();                                                          // plain HTTP
    bool listenTls(const QSslCertificate &certificate, const QSslKey &key); // HTTPS
    void close(); // stop; drop connections

    quint16 port() const;
    bool isTls() const;
    QUrl url(const QString &pathAndQuery = QStringLiteral("/")) const; // http(s)://127.0.0.1:P/...
    QString errorString() const;

    // The answer for every request, or for requests whose path (before '?') is exactly path.
    void setResponse(const CannedResponse &response);
    void setResponse(const QByteArray &path, const CannedResponse &response);

    // A silent server accepts connections and reads requests but never answers, so a client
    // waits until its own deadline or until it cancels.
    void setSilent(bool silent);

    const QList<ReceivedRequest> &received() const;
    int connectionCount() const; // connections accepted (after the TLS handshake, for HTTPS)
    void clear();

Q_SIGNALS:
    void requestReceived();

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

// The test CA and certificates under tests/data/tls (see make-certs.sh there).
struct TlsFixture {
    QSslCertificate ca;     // the test CA that signed the server certificates
    QSslCertificate server; // for 127.0.0.1 and localhost, long validity
    QSslKey serverKey;
    QSslCertificate expired; // for 127.0.0.1, signed by the CA, expired long ago
    QSslKey expiredKey;
    QSslCertificate selfSigned; // for 127.0.0.1, signed by nobody Ferry trusts
    QSslKey selfSignedKey;
    QSslCertificate wrongHost; // signed by the CA but for wrong.example only
    QSslKey wrongHostKey;

    static TlsFixture load(); // QFAIL-friendly: check ca.isNull() in the test
    static QString caPath();
    static QString dir();    // the tests/data/tls directory
    bool isComplete() const; // every certificate and key loaded
};

} // namespace ferry::test
