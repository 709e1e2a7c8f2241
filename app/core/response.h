#pragma once

#include "core/request.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace ferry {

// What Ferry knows about one certificate, in plain text, so the core can show it without
// linking the network module.
struct CertificateInfo {
    QString subject;
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;
    QStringList subjectAltNames;

    // "Subject: ..., Issuer: ..., Valid from ... to ..." on separate lines.
    QString describe() const;
};

// The kind of one certificate problem, so views can name the cause without reading sentences.
enum class TlsProblemKind {
    Expired,
    NotYetValid,
    Untrusted, // self-signed, or signed by an authority Ferry does not trust
    WrongHost, // issued for other names than the host asked for
    Revoked,
    NotForServers, // the certificate's purpose excludes TLS servers
    NoCertificate, // the server sent none
    Other,
};

struct TlsProblem {
    TlsProblemKind kind = TlsProblemKind::Other;
    QString message; // one plain sentence

    bool operator==(const TlsProblem &) const = default;
};

// Why a request produced no HTTP answer. Each kind has its own message for the user.
enum class FailureKind {
    None,              // an HTTP response arrived (whatever its status)
    InvalidRequest,    // the request was refused before sending
    ConnectionRefused, // nothing listens at host:port
    HostNotFound,      // the name did not resolve
    Timeout,           // no complete answer before the deadline
    Tls,               // the TLS handshake failed or the certificate was not accepted
    Canceled,          // the user pressed Cancel (Esc)
    Network,           // any other transport failure
};

// Milliseconds from send to each point of the exchange, as far as Qt reports them; -1 when
// unknown. After redirects, the points belong to the last hop, still counted from send.
struct Timings {
    qint64 totalMs = -1;        // from send to the last byte; -1 when unknown
    qint64 tlsHandshakeMs = -1; // TLS handshake done; -1 for plain HTTP or a reused connection
    qint64 firstByteMs = -1;    // the status line and headers arrived
    qint64 lastByteMs = -1;     // the whole response arrived
};

// Byte counts of one response; -1 when unknown.
struct Sizes {
    // The status line, every header line and the blank line after them, in HTTP/1.1 form
    // (HTTP/2 sends them compressed, so this is what they would take uncompressed).
    qint64 headers = -1;
    qint64 bodyOnWire = -1;  // the body as transferred, compressed or not
    qint64 bodyDecoded = -1; // the body as Ferry shows it
};

// One redirect that was followed: the status that asked for it and where it led.
struct RedirectHop {
    int statusCode = 0;
    QString location; // the absolute URL the next request went to

    bool operator==(const RedirectHop &) const = default;
};

// One cookie a response set (Set-Cookie), in plain values.
struct ResponseCookie {
    QString name;
    QString value;  // may be a secret: shown to the user, never logged
    QString domain; // as the Domain attribute gave it; empty: only the host that set it
    QString path;
    QDateTime expires; // invalid: a session cookie
    bool httpOnly = false;
    bool secure = false;
    QString sameSite; // "Strict", "Lax", "None", or empty when not given

    bool operator==(const ResponseCookie &) const = default;
};

// The answer to one request, or why there is none. One value per request, from the network
// layer to the views.
struct Response {
    FailureKind failure = FailureKind::None;
    // A sentence a person understands, set whenever failure != None.
    QString failureMessage;
    // For TLS failures: every certificate problem found. For a response received with
    // verification off: the problems that were ignored, so they can still be shown.
    QList<TlsProblem> tlsProblems;
    QList<CertificateInfo> certificateChain;

    int statusCode = 0;
    QString reason;
    QString httpVersion; // "HTTP/1.1", "HTTP/2"
    QList<WireHeader> headers;
    QByteArray body;
    Timings timings;

    QString remoteAddress; // "127.0.0.1:8080", "[::1]:443"; empty when unknown
    Sizes sizes;
    QString tlsProtocol;          // "TLS 1.3"; empty for plain HTTP
    QString tlsCipher;            // "TLS_AES_256_GCM_SHA384"; empty for plain HTTP
    QList<RedirectHop> redirects; // in the order they were followed
    QString finalUrl;             // the URL the last request went to
    QList<ResponseCookie> cookies;

    bool succeeded() const { return failure == FailureKind::None; }

    // The first header of that name (case-insensitive), or an empty array.
    QByteArray header(QByteArrayView name) const;

    // "informational", "success", "redirect", "client-error", "server-error" or "none".
    QString statusClass() const;
};

// The standard reason phrase for a status code ("Not Found"), or an empty string.
QString reasonPhrase(int statusCode);

} // namespace ferry

Q_DECLARE_METATYPE(ferry::Response)
