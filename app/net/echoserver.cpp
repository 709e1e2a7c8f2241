#include "net/echoserver.h"

#include "core/json/jsonformatter.h"
#include "core/logging.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QPointer>
#include <QQueue>
#include <QStringDecoder>
#include <QTcpServer>
#include <QTcpSocket>

namespace ferry {

namespace {

// What Qt HttpServer 6.4 does not tell: the method token as sent (its request has only an
// enum, Unknown for PROPFIND or any custom token) and the request target undecoded (its URL is
// re-encoded by QUrl, which turns %7E into ~).
struct RequestLine {
    QByteArray method;
    QByteArray target;
};

// Follows the bytes of one connection, without consuming them, to find where each request
// starts, and records its request line. It frames messages the way HTTP/1.1 does (head, then
// Content-Length bytes or a chunked body) so that a body is never mistaken for a request.
class RequestLineTap final {
public:
    void feed(const QByteArray &bytes)
    {
        m_buffer.append(bytes);
        while (step()) {
        }
    }

    std::optional<RequestLine> take()
    {
        if (m_lines.isEmpty())
            return std::nullopt;
        return m_lines.dequeue();
    }

private:
    enum class State { Head, FixedBody, ChunkSize, ChunkData, Trailer, Broken };

    // Consumes one unit of the buffer; false when more bytes are needed.
    bool step()
    {
        switch (m_state) {
        case State::Head:
            return readHead();
        case State::FixedBody:
            return skipBody();
        case State::ChunkSize:
            return readChunkSize();
        case State::ChunkData:
            return skipChunk();
        case State::Trailer:
            return readTrailer();
        case State::Broken:
            m_buffer.clear();
            return false;
        }
        return false;
    }

    bool readHead()
    {
        // Blank lines between requests are allowed.
        while (m_buffer.startsWith("\r\n"))
            m_buffer.remove(0, 2);
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;

        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        const QList<QByteArray> parts = lines.first().trimmed().split(' ');
        if (parts.size() == 3)
            m_lines.enqueue({parts.at(0), parts.at(1)});

        qlonglong length = 0;
        bool chunked = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed().toLower();
            if (name == "content-length")
                length = value.toLongLong();
            else if (name == "transfer-encoding" && value.contains("chunked"))
                chunked = true;
        }
        m_buffer.remove(0, end + 4);
        if (chunked) {
            m_state = State::ChunkSize;
        } else if (length > 0) {
            m_remaining = length;
            m_state = State::FixedBody;
        }
        return true;
    }

    bool skipBody()
    {
        const qsizetype n = qMin<qlonglong>(m_remaining, m_buffer.size());
        m_buffer.remove(0, n);
        m_remaining -= n;
        if (m_remaining > 0)
            return false;
        m_state = State::Head;
        return true;
    }

    bool readChunkSize()
    {
        const qsizetype end = m_buffer.indexOf("\r\n");
        if (end < 0)
            return false;
        QByteArray size = m_buffer.left(end);
        if (const qsizetype semicolon = size.indexOf(';'); semicolon >= 0)
            size.truncate(semicolon);
        bool ok = false;
        m_remaining = size.trimmed().toLongLong(&ok, 16);
        m_buffer.remove(0, end + 2);
        if (!ok || m_remaining < 0)
            m_state = State::Broken;
        else if (m_remaining == 0)
            m_state = State::Trailer;
        else {
            m_remaining += 2; // the CRLF after the data
            m_state = State::ChunkData;
        }
        return true;
    }

    bool skipChunk()
    {
        const qsizetype n = qMin<qlonglong>(m_remaining, m_buffer.size());
        m_buffer.remove(0, n);
        m_remaining -= n;
        if (m_remaining > 0)
            return false;
        m_state = State::ChunkSize;
        return true;
    }

    bool readTrailer()
    {
        const qsizetype end = m_buffer.indexOf("\r\n");
        if (end < 0)
            return false;
        m_buffer.remove(0, end + 2);
        if (end == 0)
            m_state = State::Head;
        return true;
    }

    QByteArray m_buffer;
    State m_state = State::Head;
    qlonglong m_remaining = 0;
    QQueue<RequestLine> m_lines;
};

// Hands Qt HttpServer its connections with a tap attached. The tap's readyRead handler is
// connected before Qt's, so it peeks at each chunk of bytes before Qt reads it.
class TappingTcpServer final : public QTcpServer {
public:
    using QTcpServer::QTcpServer;

    std::optional<RequestLine> takeRequestLine(QTcpSocket *socket)
    {
        const auto it = m_taps.find(socket);
        return it == m_taps.end() ? std::nullopt : it->take();
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        m_taps.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this,
                [this, socket] { m_taps[socket].feed(socket->peek(socket->bytesAvailable())); });
        connect(socket, &QObject::destroyed, this, [this, socket] { m_taps.remove(socket); });
        addPendingConnection(socket);
    }

private:
    QHash<QObject *, RequestLineTap> m_taps;
};

QString methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return key ? QString::fromLatin1(key).toUpper() : QStringLiteral("UNKNOWN");
}

// Query values decoded the way HTML forms encode them: '+' is a space, then %XX.
QString decodeQueryPart(QByteArray part)
{
    part.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(part));
}

// Adds value under name; a name seen before turns into an array of all its values.
// One JSON value as compact text.
QByteArray jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

void addRepeatable(QJsonObject &object, const QString &name, const QString &value)
{
    const auto it = object.find(name);
    if (it == object.end()) {
        object.insert(name, value);
        return;
    }
    QJsonArray values = it->isArray() ? it->toArray() : QJsonArray{it->toString()};
    values.append(value);
    *it = values;
}

QJsonObject queryObject(const QByteArray &rawQuery)
{
    QJsonObject query;
    for (const QByteArray &pair : rawQuery.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArray name = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        addRepeatable(query, decodeQueryPart(name), decodeQueryPart(value));
    }
    return query;
}

bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    Q_UNUSED(text);
    return !decoder.hasError();
}

} // namespace

class EchoServer::Server final : public QAbstractHttpServer {
public:
    using QAbstractHttpServer::QAbstractHttpServer;

    TappingTcpServer *tcp = nullptr;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        const std::optional<RequestLine> line = tcp->takeRequestLine(socket);
        // Without the tap's record (it should not happen) Qt's view is the next best thing.
        const QByteArray method = line ? line->method : methodName(request.method()).toLatin1();
        const QByteArray target =
            line ? line->target
                 : request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        const qsizetype question = target.indexOf('?');
        const QByteArray path = question < 0 ? target : target.left(question);
        const QByteArray rawQuery = question < 0 ? QByteArray() : target.mid(question + 1);

        QJsonObject headers;
        QJsonArray headerList;
        for (const auto &[name, value] : request.headers()) {
            const QString n = QString::fromLatin1(name);
            const QString v = QString::fromUtf8(value);
            addRepeatable(headers, n, v);
            headerList.append(QJsonArray{n, v});
        }

        // QJsonObject sorts its keys; the echo reads best in the order of the request, so the
        // top level is assembled in order. A JSON body is embedded as it came, so big numbers
        // keep every digit.
        QList<std::pair<QLatin1StringView, QByteArray>> fields = {
            {QLatin1StringView("method"), jsonText(QString::fromLatin1(method))},
            {QLatin1StringView("target"), jsonText(QString::fromLatin1(target))},
            {QLatin1StringView("path"), jsonText(QString::fromLatin1(path))},
            {QLatin1StringView("query"), jsonText(queryObject(rawQuery))},
            {QLatin1StringView("rawQuery"), jsonText(QString::fromLatin1(rawQuery))},
            {QLatin1StringView("headers"), jsonText(headers)},
            {QLatin1StringView("headerList"), jsonText(headerList)},
        };

        const QByteArray body = request.body();
        if (isUtf8(body)) {
            fields.append({QLatin1StringView("body"), jsonText(QString::fromUtf8(body))});
        } else {
            fields.append(
                {QLatin1StringView("body"), jsonText(QString::fromLatin1(body.toBase64()))});
            fields.append({QLatin1StringView("bodyEncoding"), jsonText(QStringLiteral("base64"))});
        }
        const bool bodyIsJson = !body.trimmed().isEmpty() && !json::validate(body).has_value();
        fields.append(
            {QLatin1StringView("json"), bodyIsJson ? body.trimmed() : QByteArray("null")});

        QByteArray compact = "{";
        for (const auto &[key, value] : fields) {
            if (compact.size() > 1)
                compact += ',';
            compact += '"' + QByteArray(key.data(), key.size()) + "\":" + value;
        }
        compact += '}';

        qCDebug(lcEcho).noquote() << "echoing" << method << path;
        const QByteArray document = json::format(compact).text + '\n';
        QHttpServerResponder responder = makeResponder(request, socket);
        if (request.method() == QHttpServerRequest::Method::Head) {
            // The headers a GET would get, and no body, so the connection stays usable.
            responder.writeStatusLine();
            responder.writeHeader("Content-Type", "application/json");
            responder.writeHeader("Content-Length", QByteArray::number(document.size()));
            responder.writeBody(QByteArray());
        } else {
            responder.write(document, "application/json");
        }
        return true;
    }

    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        // handleRequest answers everything; this only keeps the client from waiting forever.
        makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
    }
};

EchoServer::EchoServer(QObject *parent)
    : QObject(parent)
{}

EchoServer::~EchoServer() = default;

bool EchoServer::ensureStarted()
{
    if (isListening())
        return true;

    auto server = std::make_unique<Server>();
    auto *tcp = new TappingTcpServer(server.get());
    if (!tcp->listen(QHostAddress::LocalHost, 0)) {
        m_error = QStringLiteral("The echo server could not listen on 127.0.0.1: %1")
                      .arg(tcp->errorString());
        qCWarning(lcEcho).noquote() << m_error;
        return false;
    }
    server->tcp = tcp;
    server->bind(tcp);
    m_port = tcp->serverPort();
    m_server = std::move(server);
    m_error.clear();
    qCDebug(lcEcho) << "echo server listening on port" << m_port;
    return true;
}

bool EchoServer::isListening() const
{
    return m_server && m_server->tcp && m_server->tcp->isListening();
}

quint16 EchoServer::port() const
{
    return isListening() ? m_port : 0;
}

QUrl EchoServer::baseUrl() const
{
    if (!isListening())
        return {};
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QString EchoServer::errorString() const
{
    return m_error;
}

} // namespace ferry
