#include "net/tlsdescription.h"

#include <QHostAddress>
#include <QMultiMap>

namespace ferry {

namespace {

// "CN=name, O=org, ...": the common name first, as it is the part people recognise.
QString distinguishedName(const QSslCertificate &certificate, bool issuer)
{
    const QList<QByteArray> attributes =
        issuer ? certificate.issuerInfoAttributes() : certificate.subjectInfoAttributes();
    QStringList parts;
    for (const QByteArray &attribute : attributes) {
        const QStringList values =
            issuer ? certificate.issuerInfo(attribute) : certificate.subjectInfo(attribute);
        for (const QString &value : values) {
            const QString part = QString::fromLatin1(attribute) + u'=' + value;
            if (attribute == "CN")
                parts.prepend(part);
            else
                parts.append(part);
        }
    }
    return parts.join(QStringLiteral(", "));
}

QString dateText(const QDateTime &date)
{
    return date.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// The names a certificate is valid for: its subject alternative names, or its common name
// when it has none.
QStringList certificateNames(const QSslCertificate &certificate)
{
    QStringList names = certificateInfo(certificate).subjectAltNames;
    if (names.isEmpty()) {
        for (const QString &cn : certificate.subjectInfo(QSslCertificate::CommonName))
            names << cn;
    }
    return names;
}

QString nameOf(const QSslCertificate &certificate)
{
    const QStringList cn = certificate.subjectInfo(QSslCertificate::CommonName);
    return cn.isEmpty() ? distinguishedName(certificate, false) : cn.first();
}

} // namespace

CertificateInfo certificateInfo(const QSslCertificate &certificate)
{
    CertificateInfo info;
    info.subject = distinguishedName(certificate, false);
    info.issuer = distinguishedName(certificate, true);
    info.notBefore = certificate.effectiveDate();
    info.notAfter = certificate.expiryDate();
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
        switch (it.key()) {
        case QSsl::DnsEntry:
            info.subjectAltNames << QStringLiteral("DNS:") + it.value();
            break;
        case QSsl::IpAddressEntry:
            info.subjectAltNames << QStringLiteral("IP:") + it.value();
            break;
        case QSsl::EmailEntry:
            info.subjectAltNames << QStringLiteral("email:") + it.value();
            break;
        }
    }
    return info;
}

namespace {

QString tlsSentence(const QSslError &error, const QString &host)
{
    const QSslCertificate certificate = error.certificate();
    const QString subject = certificate.isNull() ? QStringLiteral("the certificate")
                                                 : QStringLiteral("'%1'").arg(nameOf(certificate));
    switch (error.error()) {
    case QSslError::CertificateExpired:
        return QStringLiteral("The certificate %1 expired on %2.")
            .arg(subject, dateText(certificate.expiryDate()));
    case QSslError::CertificateNotYetValid:
        return QStringLiteral("The certificate %1 is not valid before %2 (or this computer's "
                              "clock is wrong).")
            .arg(subject, dateText(certificate.effectiveDate()));
    case QSslError::SelfSignedCertificate:
        return QStringLiteral("The certificate %1 is self-signed: it vouches for itself, and "
                              "Ferry does not trust it.")
            .arg(subject);
    case QSslError::SelfSignedCertificateInChain:
        return QStringLiteral("The certificate chain ends in a self-signed certificate (%1) "
                              "that Ferry does not trust.")
            .arg(subject);
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return QStringLiteral("The certificate %1 is not trusted: its issuer (%2) is not a "
                              "certificate authority Ferry trusts.")
            .arg(subject, certificate.isNull() ? QStringLiteral("unknown")
                                               : distinguishedName(certificate, true));
    case QSslError::CertificateRejected:
        return QStringLiteral("The certificate %1 is marked as not trusted.").arg(subject);
    case QSslError::HostNameMismatch: {
        const QStringList names = certificateNames(certificate);
        return QStringLiteral("The certificate was issued for %1, not for '%2', the host this "
                              "request asked for.")
            .arg(names.isEmpty() ? QStringLiteral("no name at all")
                                 : names.join(QStringLiteral(", ")),
                 host);
    }
    case QSslError::CertificateRevoked:
        return QStringLiteral("The certificate %1 was revoked by its issuer.").arg(subject);
    case QSslError::InvalidPurpose:
        return QStringLiteral("The certificate %1 may not be used by a server.").arg(subject);
    case QSslError::NoPeerCertificate:
        return QStringLiteral("The server sent no certificate.");
    default:
        return QStringLiteral("The certificate %1 was not accepted: %2.")
            .arg(subject, error.errorString());
    }
}

TlsProblemKind tlsProblemKind(QSslError::SslError error)
{
    switch (error) {
    case QSslError::CertificateExpired:
        return TlsProblemKind::Expired;
    case QSslError::CertificateNotYetValid:
        return TlsProblemKind::NotYetValid;
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected:
        return TlsProblemKind::Untrusted;
    case QSslError::HostNameMismatch:
        return TlsProblemKind::WrongHost;
    case QSslError::CertificateRevoked:
        return TlsProblemKind::Revoked;
    case QSslError::InvalidPurpose:
        return TlsProblemKind::NotForServers;
    case QSslError::NoPeerCertificate:
        return TlsProblemKind::NoCertificate;
    default:
        return TlsProblemKind::Other;
    }
}

} // namespace

TlsProblem describeTlsError(const QSslError &error, const QString &host)
{
    return {tlsProblemKind(error.error()), tlsSentence(error, host)};
}

TlsFailure describeTlsFailure(const QUrl &url, const QList<QSslError> &errors,
                              const QList<QSslCertificate> &chain, const QString &fallback)
{
    TlsFailure failure;
    const QString host = url.host();
    const QString where = QStringLiteral("%1:%2").arg(host).arg(url.port(443));
    for (const QSslError &error : errors) {
        const TlsProblem problem = describeTlsError(error, host);
        if (!failure.problems.contains(problem))
            failure.problems << problem;
    }

    if (failure.problems.isEmpty() && chain.isEmpty()) {
        // No certificate ever arrived: the port most likely speaks plain HTTP, and OpenSSL's
        // words for that ("wrong version number") do not say so.
        failure.message = QStringLiteral("The secure connection (TLS) to %1 could not be set "
                                         "up: the server did not answer like an HTTPS server "
                                         "(%2). Is it an HTTPS server? For plain HTTP use an "
                                         "http:// URL.")
                              .arg(where, fallback);
        return failure;
    }
    if (failure.problems.isEmpty()) {
        failure.message = QStringLiteral("The secure connection (TLS) to %1 could not be set "
                                         "up: %2.")
                              .arg(where, fallback);
        return failure;
    }

    QSslCertificate leaf = chain.value(0);
    if (leaf.isNull() && !errors.isEmpty())
        leaf = errors.first().certificate();

    QStringList lines;
    lines << QStringLiteral("The certificate of %1 was not accepted, so nothing was sent:")
                 .arg(where);
    for (const TlsProblem &problem : failure.problems)
        lines << QStringLiteral("- ") + problem.message;
    if (!leaf.isNull()) {
        lines << QStringLiteral("The server's certificate:");
        lines << certificateInfo(leaf).describe();
    }
    lines << QStringLiteral("If you trust this server, trust the certificate authority that "
                            "signed its certificate, or turn certificate verification off for "
                            "this request.");
    failure.message = lines.join(u'\n');
    return failure;
}

} // namespace ferry
