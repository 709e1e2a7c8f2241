#pragma once

#include <QByteArray>
#include <QLoggingCategory>

namespace ferry {

Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
Q_DECLARE_LOGGING_CATEGORY(lcEcho)

// The header value as it may appear in a log: credentials (Authorization, Cookie, API keys,
// anything that looks like a token or password) are replaced by "<redacted>".
QByteArray redactedHeaderValue(QByteArrayView name, QByteArrayView value);

} // namespace ferry
