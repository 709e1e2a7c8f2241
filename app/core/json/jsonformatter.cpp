#include "core/json/jsonformatter.h"

#include "core/json/formatter.h"
#include "core/json/jsontree.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

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

namespace {

// The document as compact text with the members of every object in key order. Works with an
// explicit stack of open containers instead of recursion.
QByteArray sortedCompactText(const JsonTree &tree)
{
    struct Frame {
        int node = 0;
        std::vector<int> order; // the children in output order
        size_t next = 0;
    };

    QByteArray out;
    out.reserve(tree.text().size());
    std::vector<Frame> stack;
    const auto write = [&](int index) {
        const JsonTree::Node &node = tree.node(index);
        if (node.kind != JsonTree::Kind::Object && node.kind != JsonTree::Kind::Array) {
            out.append(tree.span(index));
            return;
        }
        Frame frame;
        frame.node = index;
        frame.order = tree.children(index);
        if (node.kind == JsonTree::Kind::Object) {
            out += '{';
            std::vector<std::pair<QByteArray, int>> keyed;
            keyed.reserve(frame.order.size());
            for (int child : frame.order)
                keyed.emplace_back(tree.key(child), child);
            std::stable_sort(keyed.begin(), keyed.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });
            for (size_t i = 0; i < keyed.size(); ++i)
                frame.order[i] = keyed[i].second;
        } else {
            out += '[';
        }
        stack.push_back(std::move(frame));
    };

    write(0);
    while (!stack.empty()) {
        Frame &frame = stack.back();
        if (frame.next == frame.order.size()) {
            out += tree.node(frame.node).kind == JsonTree::Kind::Object ? '}' : ']';
            stack.pop_back();
            continue;
        }
        if (frame.next > 0)
            out += ',';
        const int child = frame.order[frame.next++];
        if (tree.node(frame.node).kind == JsonTree::Kind::Object) {
            out.append(tree.keySpan(child));
            out += ':';
        }
        write(child); // may grow the stack, so frame is not used after this
    }
    return out;
}

} // namespace

FormatOutcome formatSorted(QByteArrayView input, const FormatOptions &options)
{
    const JsonTree::Outcome parsed = JsonTree::parse(input);
    if (parsed.error)
        return {QByteArray(), parsed.error};
    return format(sortedCompactText(parsed.tree), options);
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
