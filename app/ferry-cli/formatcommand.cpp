#include "commands.h"

#include "core/json/formatter.h"
#include "core/result.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

namespace ferry::cli {

namespace {

// Read in pieces so a large file is checked as it streams in, not after it is all in memory.
constexpr qint64 kChunkSize = 1 << 20;

const char kDescription[] =
    R"(Pretty-prints JSON from FILE, or from standard input when FILE is '-'
or missing. Keys keep their order, and numbers and strings keep their exact text.
Nothing is printed to standard output when the input is not valid JSON.

Exit codes:
  0  the JSON was printed
  1  the input is not valid JSON; standard error says FILE:LINE:COLUMN: reason
  2  unknown option, bad --indent value or unreadable FILE)";

struct FormatRequest {
    json::FormatOptions options;
    QString path; // empty for standard input
};

// Turns the parsed options into what to format, or a message naming the option that is wrong.
Result<FormatRequest> requestFrom(const QCommandLineParser &parser,
                                  const QCommandLineOption &indentOption,
                                  const QCommandLineOption &minifyOption)
{
    FormatRequest request;
    request.options.minify = parser.isSet(minifyOption);
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
    parser.addOption(minifyOption);
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

    const Result<FormatRequest> request = requestFrom(parser, indentOption, minifyOption);
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

    json::Formatter formatter(request->options);
    if (!fromStdin)
        formatter.reserveOutput(input.size() + input.size() / 2);
    for (;;) {
        const QByteArray chunk = input.read(kChunkSize);
        if (chunk.isEmpty())
            break;
        if (!formatter.feed(chunk))
            break; // the first error is enough; the rest need not be read
    }
    if (input.error() != QFileDevice::NoError) {
        err << "ferry-cli: cannot read '" << inputName << "': " << input.errorString() << '\n';
        return ExitUsage;
    }

    if (!formatter.finish()) {
        const json::SyntaxError &error = *formatter.error();
        err << "ferry-cli: " << inputName << ':' << error.line << ':' << error.column << ": "
            << error.reason << '\n';
        return ExitInvalidJson;
    }

    QFile output;
    if (!output.open(stdout, QIODevice::WriteOnly)) {
        err << "ferry-cli: cannot write to standard output: " << output.errorString() << '\n';
        return ExitUsage;
    }
    output.write(formatter.takeOutput());
    output.write("\n", 1);
    return ExitOk;
}

} // namespace ferry::cli
