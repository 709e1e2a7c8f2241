#include "commands.h"

#include "core/json/formatter.h"
#include "core/json/jsonencoding.h"
#include "core/json/jsonpath.h"
#include "core/result.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <optional>

namespace ferry::cli {

namespace {

// Read in pieces so a large file is checked as it streams in, not after it is all in memory.
constexpr qint64 kChunkSize = 1 << 20;

// The most bytes that decide a body's encoding (a UTF-32 byte order mark).
constexpr qsizetype kEncodingProbeSize = 4;

const char kDescription[] =
    R"(Pretty-prints JSON from FILE, or from standard input when FILE is '-'
or missing. Keys keep their order unless --sort-keys is given, and numbers and
strings keep their exact text. Nothing is printed to standard output when the
input is not valid JSON.

UTF-16 and UTF-32 input (with or without a byte order mark) is converted to
UTF-8, with a note on standard error; a UTF-8 byte order mark is dropped.

--query takes a JSONPath such as $.items[0].id, $..name, $.items[-1],
$.items[1:3], $.items[*].id, $.a['b','c'] or $.items[?(@.price < 10 && @.tags)]
and prints the matching values as one JSON array.

Exit codes:
  0  the JSON was printed
  1  the input is not valid JSON; standard error says FILE:LINE:COLUMN: reason
  2  unknown option, bad --indent value, invalid --query path or unreadable FILE)";

struct FormatRequest {
    json::FormatOptions options;
    bool sortKeys = false;
    std::optional<json::JsonPath> query;
    QString path; // empty for standard input

    // Sorting and querying see the whole document at once; plain formatting streams.
    bool needsWholeDocument() const { return sortKeys || query.has_value(); }
};

// Turns the parsed options into what to format, or a message naming the option that is wrong.
Result<FormatRequest> requestFrom(const QCommandLineParser &parser,
                                  const QCommandLineOption &indentOption,
                                  const QCommandLineOption &minifyOption,
                                  const QCommandLineOption &sortKeysOption,
                                  const QCommandLineOption &queryOption)
{
    FormatRequest request;
    request.options.minify = parser.isSet(minifyOption);
    request.sortKeys = parser.isSet(sortKeysOption);
    if (parser.isSet(queryOption)) {
        const Result<json::JsonPath> path = json::JsonPath::parse(parser.value(queryOption));
        if (!path)
            return Error{QStringLiteral("--query: column %1: %2")
                             .arg(path.error().column)
                             .arg(path.error().message)};
        request.query = *path;
    }
    if (parser.isSet(indentOption)) {
        if (request.options.minify)
            return Error{QStringLiteral("--indent and --minify cannot be used together")};
        const QString value = parser.value(indentOption);
        bool ok = false;
        const int indent = value.toInt(&ok);
        if (!ok || indent < 0 || indent > json::kMaxIndent)
            return Error{QStringLiteral("--indent: expected a whole number from 0 to %1, got '%2'")
                             .arg(json::kMaxIndent)
                             .arg(value)};
        request.options.indent = indent;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return Error{QStringLiteral("give at most one FILE, got %1: %2")
                         .arg(positional.size())
                         .arg(positional.join(QStringLiteral(" ")))};
    if (!positional.isEmpty() && positional.first() != QStringLiteral("-"))
        request.path = positional.first();
    return request;
}

// Formats a whole document held in memory, as the request asks.
json::FormatOutcome formatWhole(const FormatRequest &request, QByteArrayView text)
{
    if (!request.query)
        return request.sortKeys ? json::formatSorted(text, request.options)
                                : json::format(text, request.options);
    if (!request.sortKeys)
        return json::query(text, *request.query, request.options);
    json::FormatOutcome matches = json::query(text, *request.query, {0, true});
    if (matches.error)
        return matches;
    return json::formatSorted(matches.text, request.options);
}

// QCommandLineParser names the executable in its usage line; the command reads better.
QString helpText(const QCommandLineParser &parser, const QString &programName)
{
    QString text = parser.helpText();
    const qsizetype lineEnd = text.indexOf(u'\n');
    const QString usage = QStringLiteral("Usage: %1 [options] [FILE]").arg(programName);
    return lineEnd < 0 ? usage + u'\n' : usage + text.mid(lineEnd);
}

} // namespace

int runFormat(const QStringList &arguments)
{
    QTextStream err(stderr);
    const QString programName =
        arguments.isEmpty() ? QStringLiteral("ferry-cli format") : arguments.first();

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(kDescription));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    const QCommandLineOption indentOption(
        QStringLiteral("indent"),
        QStringLiteral("Indent each nesting level by N spaces, 0 to %1 (default 2). With 0 every "
                       "value still gets its own line.")
            .arg(json::kMaxIndent),
        QStringLiteral("N"));
    const QCommandLineOption minifyOption(
        QStringLiteral("minify"),
        QStringLiteral("Print the JSON on one line with no whitespace at all."));
    parser.addOption(helpOption);
    parser.addOption(indentOption);
    const QCommandLineOption sortKeysOption(
        QStringLiteral("sort-keys"),
        QStringLiteral("Sort the members of every object by key (byte order of the UTF-8 text; "
                       "members with equal keys keep their order). Reads the whole input first."));
    const QCommandLineOption queryOption(
        QStringLiteral("query"),
        QStringLiteral("Print only the values the JSONPath selects, as one JSON array. Reads the "
                       "whole input first."),
        QStringLiteral("JSONPATH"));
    parser.addOption(minifyOption);
    parser.addOption(sortKeysOption);
    parser.addOption(queryOption);
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("The JSON file to format; '-' or no FILE reads standard input."),
        QStringLiteral("[FILE]"));

    if (!parser.parse(arguments)) {
        err << "ferry-cli: " << parser.errorText() << "\nRun '" << programName
            << " --help' for its options.\n";
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << helpText(parser, programName);
        return ExitOk;
    }

    const Result<FormatRequest> request =
        requestFrom(parser, indentOption, minifyOption, sortKeysOption, queryOption);
    if (!request) {
        err << "ferry-cli: " << request.error().message << '\n';
        return ExitUsage;
    }

    const bool fromStdin = request->path.isEmpty();
    const QString inputName = fromStdin ? QStringLiteral("<stdin>") : request->path;
    QFile input;
    bool opened = false;
    if (fromStdin) {
        opened = input.open(stdin, QIODevice::ReadOnly);
    } else {
        input.setFileName(request->path);
        opened = input.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        err << "ferry-cli: cannot read '" << inputName << "': " << input.errorString() << '\n';
        return ExitUsage;
    }

    // Read until the encoding is known; a pipe may deliver fewer bytes than asked for.
    QByteArray head;
    while (head.size() < kEncodingProbeSize) {
        const QByteArray chunk = input.read(kChunkSize);
        if (chunk.isEmpty())
            break;
        head += chunk;
    }
    const json::TextEncoding encoding = json::detectEncoding(head);
    const bool wholeDocument =
        request->needsWholeDocument() || encoding != json::TextEncoding::Utf8;

    QByteArray result;
    std::optional<json::SyntaxError> error;
    if (wholeDocument) {
        QByteArray text = head;
        for (;;) {
            const QByteArray chunk = input.read(kChunkSize);
            if (chunk.isEmpty())
                break;
            text += chunk;
        }
        if (encoding != json::TextEncoding::Utf8) {
            json::DecodedText decoded = json::decodeToUtf8(text);
            err << "ferry-cli: " << inputName << ": " << decoded.note << '\n';
            text = std::move(decoded.utf8);
        }
        if (input.error() == QFileDevice::NoError) {
            json::FormatOutcome outcome = formatWhole(*request, text);
            result = std::move(outcome.text);
            error = outcome.error;
        }
    } else {
        json::Formatter formatter(request->options);
        if (!fromStdin)
            formatter.reserveOutput(input.size() + input.size() / 2);
        QByteArray chunk = head;
        while (!chunk.isEmpty()) {
            if (!formatter.feed(chunk))
                break; // the first error is enough; the rest need not be read
            chunk = input.read(kChunkSize);
        }
        if (input.error() == QFileDevice::NoError) {
            formatter.finish();
            result = formatter.takeOutput();
            error = formatter.error();
        }
    }
    if (input.error() != QFileDevice::NoError) {
        err << "ferry-cli: cannot read '" << inputName << "': " << input.errorString() << '\n';
        return ExitUsage;
    }

    if (error) {
        err << "ferry-cli: " << inputName << ':' << error->line << ':' << error->column << ": "
            << error->reason << '\n';
        return ExitInvalidJson;
    }

    QFile output;
    if (!output.open(stdout, QIODevice::WriteOnly)) {
        err << "ferry-cli: cannot write to standard output: " << output.errorString() << '\n';
        return ExitUsage;
    }
    output.write(result);
    output.write("\n", 1);
    return ExitOk;
}

} // namespace ferry::cli
