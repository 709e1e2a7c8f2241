#include "testserver.h"

#include <QFile>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

namespace ferry::test {

namespace {

// A request head larger than this is refused, so a broken client cannot grow the buffer forever.
constexpr qsizetype kMaxHeadBytes = 1 << 20;

QByteArray standardReason(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

bool hasBodyFor(const QByteArray &method, int status)
{
    return method != "HEAD" && status >= 200 && status != 204 && status != 304;
}

bool listContainsToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

enum class ParseState { NeedMore, Complete, Bad };

struct ParseResult {
    ParseState state = ParseState::NeedMore;
    qsizetype consumed = 0; // bytes of the buffer that made up the request
};

// Decodes a chunked body starting at from. Returns the end of the message, 0 when more bytes
// are needed, -1 when the framing is broken.
qsizetype decodeChunked(const QByteArray &buffer, qsizetype from, QByteArray &body)
{
    qsizetype pos = from;
    while (true) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return 0;
        QByteArray sizeText = buffer.mid(pos, lineEnd - pos);
        const qsizetype semicolon = sizeText.indexOf(';');
        if (semicolon >= 0)
            sizeText.truncate(semicolon);
        bool ok = false;
        const qlonglong size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return -1;
        pos = lineEnd + 2;

        if (size == 0) {
            // Trailer fields until an empty line; they are not recorded.
            while (true) {
                const qsizetype end = buffer.indexOf("\r\n", pos);
                if (end < 0)
                    return 0;
                const bool empty = end == pos;
                pos = end + 2;
                if (empty)
                    return pos;
            }
        }

        if (buffer.size() < pos + size + 2)
            return 0;
        body.append(buffer.constData() + pos, size);
        if (buffer.mid(pos + size, 2) != "\r\n")
            return -1;
        pos += size + 2;
    }
}

ParseResult parseRequest(const QByteArray &buffer, ReceivedRequest &out)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return {buffer.size() > kMaxHeadBytes ? ParseState::Bad : ParseState::NeedMore, 0};

    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine =
        lines.first().chopped(lines.first().endsWith('\r') ? 1 : 0).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0).isEmpty() || requestLine.at(1).isEmpty()
        || !requestLine.at(2).startsWith("HTTP/"))
        return {ParseState::Bad, 0};

    ReceivedRequest request;
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    request.version = requestLine.at(2);
    const qsizetype question = request.target.indexOf('?');
    request.path = question < 0 ? request.target : request.target.left(question);
    request.rawQuery = question < 0 ? QByteArray() : request.target.mid(question + 1);

    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return {ParseState::Bad, 0};
        request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }

    const qsizetype bodyStart = headEnd + 4;
    if (listContainsToken(request.header("Transfer-Encoding"), "chunked")) {
        const qsizetype end = decodeChunked(buffer, bodyStart, request.body);
        if (end < 0)
            return {ParseState::Bad, 0};
        if (end == 0)
            return {ParseState::NeedMore, 0};
        out = std::move(request);
        return {ParseState::Complete, end};
    }

    qlonglong length = 0;
    if (request.hasHeader("Content-Length")) {
        bool ok = false;
        length = request.header("Content-Length").toLongLong(&ok);
        if (!ok || length < 0)
            return {ParseState::Bad, 0};
    }
    if (buffer.size() < bodyStart + length)
        return {ParseState::NeedMore, 0};
    request.body = buffer.mid(bodyStart, length);
    out = std::move(request);
    return {ParseState::Complete, bodyStart + length};
}

} // namespace

QByteArray ReceivedRequest::header(QByteArrayView name) const
{
    for (const auto &[headerName, value] : headers) {
        if (name.compare(headerName, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QList<QByteArray> ReceivedRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto &[headerName, value] : headers) {
        if (name.compare(headerName, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

bool ReceivedRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (name.compare(header.first, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

class TestServer::Impl {
public:
    explicit Impl(TestServer *owner)
        : q(owner)
    {}

    bool start(QTcpServer *server, bool tls);
    void accept();
    void readFrom(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const ReceivedRequest &request);
    void sendContinueIfAsked(QTcpSocket *socket, const QByteArray &buffer);
    const CannedResponse &responseFor(const QByteArray &path) const;

    TestServer *q;
    QPointer<QTcpServer> server;
    bool tls = false;
    bool silent = false;
    QString error;
    CannedResponse response;
    QHash<QByteArray, CannedResponse> responsesByPath;
    QList<ReceivedRequest> received;
    QHash<QTcpSocket *, QByteArray> buffers;
    QHash<QTcpSocket *, int> numbers;
    QSet<QTcpSocket *> continued; // sockets told "100 Continue" for the request in progress
    int connections = 0;
};

bool TestServer::Impl::start(QTcpServer *newServer, bool useTls)
{
    delete server;
    server = newServer;
    tls = useTls;
    QObject::connect(server, &QTcpServer::pendingConnectionAvailable, q, [this] { accept(); });
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        error = server->errorString();
        return false;
    }
    return true;
}

void TestServer::Impl::accept()
{
    while (server && server->hasPendingConnections()) {
        QTcpSocket *socket = server->nextPendingConnection();
        // Owned by the TestServer, so closing the listening server keeps open connections
        // valid until the server object goes.
        socket->setParent(q);
        numbers.insert(socket, ++connections);
        QObject::connect(socket, &QTcpSocket::readyRead, q, [this, socket] { readFrom(socket); });
        QObject::connect(socket, &QTcpSocket::disconnected, q, [this, socket] {
            buffers.remove(socket);
            numbers.remove(socket);
            continued.remove(socket);
            socket->deleteLater();
        });
        // Bytes may have arrived together with the end of the TLS handshake.
        if (socket->bytesAvailable() > 0)
            readFrom(socket);
    }
}

void TestServer::Impl::readFrom(QTcpSocket *socket)
{
    buffers[socket].append(socket->readAll());

    while (true) {
        // Looked up again each round: a test reacting to requestReceived may close sockets.
        const auto it = buffers.find(socket);
        if (it == buffers.end() || it->isEmpty())
            return;
        QByteArray &buffer = *it;

        ReceivedRequest request;
        const ParseResult parsed = parseRequest(buffer, request);
        if (parsed.state == ParseState::NeedMore) {
            sendContinueIfAsked(socket, buffer);
            return;
        }
        if (parsed.state == ParseState::Bad) {
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                          "Connection: close\r\n\r\n");
            socket->disconnectFromHost();
            buffer.clear();
            return;
        }

        buffer.remove(0, parsed.consumed);
        continued.remove(socket);
        request.connection = numbers.value(socket);
        received.append(request);
        if (!silent)
            answer(socket, request);
        Q_EMIT q->requestReceived();
    }
}

// Clients such as curl send "Expect: 100-continue" before a large body and wait for the
// go-ahead; a server that never gives it makes them stall for a second.
void TestServer::Impl::sendContinueIfAsked(QTcpSocket *socket, const QByteArray &buffer)
{
    if (silent || continued.contains(socket))
        return;
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    for (const QByteArray &line : buffer.left(headEnd).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare("Expect", Qt::CaseInsensitive) == 0
            && line.mid(colon + 1).trimmed().compare("100-continue", Qt::CaseInsensitive) == 0) {
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            continued.insert(socket);
            return;
        }
    }
}

void TestServer::Impl::answer(QTcpSocket *socket, const ReceivedRequest &request)
{
    const CannedResponse &canned = responseFor(request.path);
    const QByteArray connectionHeader = request.header("Connection");
    const bool close =
        listContainsToken(connectionHeader, "close")
        || (request.version == "HTTP/1.0" && !listContainsToken(connectionHeader, "keep-alive"));

    QByteArray out = "HTTP/1.1 " + QByteArray::number(canned.status) + ' '
                     + (canned.reason.isEmpty() ? standardReason(canned.status) : canned.reason)
                     + "\r\n";
    bool framed = false;
    for (const auto &[name, value] : canned.headers) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0
            || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            framed = true;
        out += name + ": " + value + "\r\n";
    }
    const bool withBody = hasBodyFor(request.method, canned.status);
    if (!framed && canned.status >= 200 && canned.status != 204)
        out += "Content-Length: " + QByteArray::number(canned.body.size()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (withBody)
        out += canned.body;

    socket->write(out);
    if (close)
        socket->disconnectFromHost();
}

const CannedResponse &TestServer::Impl::responseFor(const QByteArray &path) const
{
    const auto it = responsesByPath.constFind(path);
    return it != responsesByPath.constEnd() ? *it : response;
}

TestServer::TestServer(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(this))
{}

TestServer::~TestServer()
{
    // The sockets are children of this object; disconnect them from Impl before it goes.
    for (QTcpSocket *socket : d->buffers.keys())
        socket->disconnect(this);
    d->buffers.clear();
}

bool TestServer::listen()
{
    return d->start(new QTcpServer(this), false);
}

bool TestServer::listenTls(const QSslCertificate &certificate, const QSslKey &key)
{
    if (certificate.isNull() || key.isNull()) {
        d->error = QStringLiteral("no certificate or key to serve");
        return false;
    }

    auto *server = new QSslServer(this);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(configuration);
    return d->start(server, true);
}

void TestServer::close()
{
    if (d->server)
        d->server->close();
    const QList<QTcpSocket *> sockets = d->buffers.keys();
    for (QTcpSocket *socket : sockets)
        socket->abort();
}

quint16 TestServer::port() const
{
    return d->server ? d->server->serverPort() : 0;
}

bool TestServer::isTls() const
{
    return d->tls;
}

QUrl TestServer::url(const QString &pathAndQuery) const
{
    const QString scheme = d->tls ? QStringLiteral("https") : QStringLiteral("http");
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(scheme).arg(port()).arg(pathAndQuery));
}

QString TestServer::errorString() const
{
    return d->error;
}

void TestServer::setResponse(const CannedResponse &response)
{
    d->response = response;
}

void TestServer::setResponse(const QByteArray &path, const CannedResponse &response)
{
    d->responsesByPath.insert(path, response);
}

void TestServer::setSilent(bool silent)
{
    d->silent = silent;
}

const QList<ReceivedRequest> &TestServer::received() const
{
    return d->received;
}

int TestServer::connectionCount() const
{
    return d->connections;
}

void TestServer::clear()
{
    d->received.clear();
}

static QSslCertificate loadCertificate(const QString &name)
{
    QFile file(TlsFixture::dir() + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        return QSslCertificate();
    return QSslCertificate(&file, QSsl::Pem);
}

static QSslKey loadKey(const QString &name)
{
    QFile file(TlsFixture::dir() + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        return QSslKey();
    return QSslKey(&file, QSsl::Rsa, QSsl::Pem);
}

QString TlsFixture::dir()
{
    return QStringLiteral(FERRY_TEST_DATA_DIR "/tls");
}

QString TlsFixture::caPath()
{
    return dir() + QStringLiteral("/ca.pem");
}

TlsFixture TlsFixture::load()
{
    TlsFixture fixture;
    fixture.ca = loadCertificate(QStringLiteral("ca.pem"));
    fixture.server = loadCertificate(QStringLiteral("server.pem"));
    fixture.serverKey = loadKey(QStringLiteral("server-key.pem"));
    fixture.expired = loadCertificate(QStringLiteral("expired.pem"));
    fixture.expiredKey = loadKey(QStringLiteral("expired-key.pem"));
    fixture.selfSigned = loadCertificate(QStringLiteral("self-signed.pem"));
    fixture.selfSignedKey = loadKey(QStringLiteral("self-signed-key.pem"));
    fixture.wrongHost = loadCertificate(QStringLiteral("wrong-host.pem"));
    fixture.wrongHostKey = loadKey(QStringLiteral("wrong-host-key.pem"));
    return fixture;
}

bool TlsFixture::isComplete() const
{
    return !ca.isNull() && !server.isNull() && !serverKey.isNull() && !expired.isNull()
           && !expiredKey.isNull() && !selfSigned.isNull() && !selfSignedKey.isNull()
           && !wrongHost.isNull() && !wrongHostKey.isNull();
}

} // namespace ferry::test
