#include "core/json/jsonformatter.h"

#include "core/json/formatter.h"

#include <array>

namespace ferry::json {

QString SyntaxError::describe() const
{
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(reason);
}

FormatOutcome format(QByteArrayView input, const FormatOptions &options)
{
    Formatter formatter(options);
    // Pretty text is usually somewhat longer than compact input; one allocation covers most.
    formatter.reserveOutput(options.minify ? input.size() : input.size() + input.size() / 2);
    formatter.feed(input);
    formatter.finish();
    return {formatter.takeOutput(), formatter.error()};
}

std::optional<SyntaxError> validate(QByteArrayView input)
{
    Formatter formatter({}, Formatter::Mode::ValidateOnly);
    formatter.feed(input);
    formatter.finish();
    return formatter.error();
}

namespace {

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Types whose content may start with '{' or '[' without being one JSON value, and families
// that are never JSON. A body labelled with one of these is not guessed at.
bool namesAnotherFormat(QByteArrayView type, QByteArrayView subtype)
{
    static constexpr std::array<QByteArrayView, 7> kNeverJson = {
        "image", "audio", "video", "font", "model", "multipart", "message",
    };
    for (QByteArrayView family : kNeverJson) {
        if (type == family)
            return true;
    }
    if (subtype == "xml" || subtype.endsWith("+xml"))
        return true;
    if (type == "text")
        return subtype != "plain";
    if (type != "application")
        return false;

    static constexpr std::array<QByteArrayView, 17> kOtherApplicationTypes = {
        "javascript",  "x-javascript",
        "ecmascript",  "x-ndjson",
        "ndjson",      "jsonl",
        "x-jsonlines", "jsonlines",
        "json-seq",    "toml",
        "yaml",        "x-yaml",
        "graphql",     "x-www-form-urlencoded",
        "pdf",         "zip",
        "gzip",
    };
    for (QByteArrayView other : kOtherApplicationTypes) {
        if (subtype == other)
            return true;
    }
    return subtype.endsWith("+json-seq");
}

} // namespace

bool looksLikeJson(QByteArrayView contentType, QByteArrayView body)
{
    // "Application/Problem+JSON; charset=utf-8" -> type "application", subtype "problem+json".
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray mediaType = (semicolon < 0 ? contentType : contentType.first(semicolon))
                                     .trimmed()
                                     .toByteArray()
                                     .toLower();
    const qsizetype slash = mediaType.indexOf('/');
    if (slash > 0) {
        const QByteArrayView type = QByteArrayView(mediaType).first(slash);
        const QByteArrayView subtype = QByteArrayView(mediaType).sliced(slash + 1).trimmed();
        if ((type == "application" || type == "text") && (subtype == "json" || subtype == "x-json"))
            return true;
        if (subtype.endsWith("+json"))
            return true;
        if (namesAnotherFormat(type, subtype))
            return false;
    }

    // No definite type: look at the body itself.
    QByteArrayView rest = body;
    if (rest.startsWith("\xEF\xBB\xBF"))
        rest = rest.sliced(3);
    qsizetype i = 0;
    while (i < rest.size() && isJsonWhitespace(rest.at(i)))
        ++i;
    return i < rest.size() && (rest.at(i) == '{' || rest.at(i) == '[');
}

} // namespace ferry::json
