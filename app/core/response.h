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

struct Timings {
    qint64 totalMs = -1; // from send to the last byte; -1 when unknown
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
