#include "core/request.h"

namespace ferry {

QStringList standardMethods()
{
    return {QStringLiteral("GET"),    QStringLiteral("POST"),   QStringLiteral("PUT"),
            QStringLiteral("PATCH"),  QStringLiteral("DELETE"), QStringLiteral("HEAD"),
            QStringLiteral("OPTIONS")};
}

QByteArray Request::wireMethod() const
{
    const QString trimmed = method.trimmed();
    const QString upper = trimmed.toUpper();
    if (standardMethods().contains(upper))
        return upper.toLatin1();
    return trimmed.toLatin1();
}

static bool hasEnabledHeader(const QList<HeaderRow> &rows, QStringView name)
{
    for (const HeaderRow &row : rows) {
        if (row.enabled && row.name.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QList<WireHeader> Request::wireHeaders() const
{
    QList<WireHeader> out;
    for (const HeaderRow &row : headers) {
        if (!row.enabled || row.name.trimmed().isEmpty())
            continue;
        out.append({row.name.trimmed().toUtf8(), row.value.toUtf8()});
    }

    if (auth.kind == AuthKind::Bearer && !auth.token.isEmpty()
        && !hasEnabledHeader(headers, u"Authorization")) {
        out.append({"Authorization", "Bearer " + auth.token.toUtf8()});
    }

    if (hasBody() && !contentType.trimmed().isEmpty()
        && !hasEnabledHeader(headers, u"Content-Type")) {
        out.append({"Content-Type", contentType.trimmed().toUtf8()});
    }
    return out;
}

} // namespace ferry
