#pragma once

#include "core/response.h"

#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace ferry {

// The certificate in plain text: subject and issuer as "CN=..., O=...", validity dates and
// subject alternative names as "DNS:name" / "IP:address".
CertificateInfo certificateInfo(const QSslCertificate &certificate);

// What to tell the user when a certificate was not accepted.
struct TlsFailure {
    QString message;            // the whole explanation: every problem, then the certificate
    QList<TlsProblem> problems; // one per distinct certificate problem
};

// Explains a failed handshake with url's server: each error in plain words (expired with the
// date, not trusted or self-signed, issued for other names than the host asked for), then
// the details of the server's certificate. fallback is Qt's text, used when no certificate
// error was reported (the handshake failed for another reason).
TlsFailure describeTlsFailure(const QUrl &url, const QList<QSslError> &errors,
                              const QList<QSslCertificate> &chain, const QString &fallback);

// One certificate problem in plain words; host is the name the request asked for.
TlsProblem describeTlsError(const QSslError &error, const QString &host);

} // namespace ferry
