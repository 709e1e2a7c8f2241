#include "core/variables.h"

namespace ferry {

namespace {

// Calls visit(name, start, end) for every {{name}} in text, where [start, end) spans the
// whole placeholder. Names are trimmed; an empty name or a missing "}}" is no placeholder.
template <typename Visit> void forEachPlaceholder(const QString &text, Visit visit)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype open = text.indexOf(QStringLiteral("{{"), from);
        if (open < 0)
            return;
        const qsizetype close = text.indexOf(QStringLiteral("}}"), open + 2);
        if (close < 0)
            return;
        const QString name = text.mid(open + 2, close - open - 2).trimmed();
        if (!name.isEmpty() && !name.contains(QStringLiteral("{{")))
            visit(name, open, close + 2);
        from = close + 2;
    }
}

} // namespace

QString substituteVariables(const QString &text, const Variables &variables)
{
    if (!text.contains(QStringLiteral("{{")))
        return text;

    QString out;
    out.reserve(text.size());
    qsizetype copied = 0;
    forEachPlaceholder(text, [&](const QString &name, qsizetype start, qsizetype end) {
        const auto found = variables.constFind(name);
        if (found == variables.constEnd())
            return;
        out += QStringView(text).mid(copied, start - copied);
        out += found.value();
        copied = end;
    });
    out += QStringView(text).mid(copied);
    return out;
}

QStringList referencedVariables(const QString &text)
{
    QStringList names;
    forEachPlaceholder(text, [&](const QString &name, qsizetype, qsizetype) {
        if (!names.contains(name))
            names.append(name);
    });
    return names;
}

bool requestReferences(const Request &request, QStringView name)
{
    const QString wanted = name.toString();
    auto uses = [&](const QString &text) {
        return referencedVariables(text).contains(wanted);
    };

    if (uses(request.url) || uses(request.auth.token) || uses(QString::fromUtf8(request.body)))
        return true;
    for (const HeaderRow &row : request.headers) {
        if (row.enabled && (uses(row.name) || uses(row.value)))
            return true;
    }
    return false;
}

Request resolveVariables(const Request &request, const Variables &variables)
{
    Request resolved = request;
    resolved.url = substituteVariables(request.url, variables);
    resolved.auth.token = substituteVariables(request.auth.token, variables);
    for (HeaderRow &row : resolved.headers) {
        row.name = substituteVariables(row.name, variables);
        row.value = substituteVariables(row.value, variables);
    }

    // The body is bytes; only touch it when it holds a placeholder, so binary bodies pass
    // through untouched.
    if (request.body.contains("{{")) {
        const QString text = QString::fromUtf8(request.body);
        const QString substituted = substituteVariables(text, variables);
        if (substituted != text)
            resolved.body = substituted.toUtf8();
    }
    return resolved;
}

} // namespace ferry
