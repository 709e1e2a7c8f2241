#include "core/logging.h"

namespace ferry {

Q_LOGGING_CATEGORY(lcCore, "ferry.core", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNet, "ferry.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcUi, "ferry.ui", QtWarningMsg)
Q_LOGGING_CATEGORY(lcEcho, "ferry.echo", QtWarningMsg)

QByteArray redactedHeaderValue(QByteArrayView name, QByteArrayView value)
{
    const QByteArray lower = name.toByteArray().toLower();
    static const char *const sensitive[] = {"authorization", "cookie",    "token",
                                            "secret",        "password",  "api-key",
                                            "apikey",        "x-api-key", "session"};
    for (const char *word : sensitive) {
        if (lower.contains(word))
            return QByteArrayLiteral("<redacted>");
    }
    return value.toByteArray();
}

} // namespace ferry
