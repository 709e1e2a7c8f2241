#include "commands.h"
#include "requestoptions.h"

#include "core/codegen/snippet.h"
#include "core/validation.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

namespace ferry::cli {

static const char kExitCodes[] = R"(
Exit codes:
  0  the snippet was printed (or the list of targets, or this help)
  2  usage: unknown option or target, missing URL, bad --indent, unreadable file
  3  the request is invalid (bad URL, method, header or token); nothing is printed
)";

static QString fieldName(const FieldProblem &problem)
{
    switch (problem.field) {
    case RequestField::Method:
        return QStringLiteral("method");
    case RequestField::Url:
        return QStringLiteral("URL");
    case RequestField::HeaderName:
        return QStringLiteral("header %1 name").arg(problem.row + 1);
    case RequestField::HeaderValue:
        return QStringLiteral("header %1 value").arg(problem.row + 1);
    case RequestField::Token:
        return QStringLiteral("bearer token");
    case RequestField::ContentType:
        return QStringLiteral("content type");
    }
    return QStringLiteral("request");
}

static QString targetIds()
{
    QStringList ids;
    for (const codegen::TargetInfo &target : codegen::targets())
        ids << target.id;
    return ids.join(QStringLiteral(", "));
}

int runSnippet(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString program = arguments.value(0, QStringLiteral("ferry-cli snippet"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints the request as code that sends exactly the same method, URL, "
                       "headers and body.\nTargets: %1.")
            .arg(targetIds()));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    const QCommandLineOption targetOption(
        {QStringLiteral("t"), QStringLiteral("target")},
        QStringLiteral("The code to print: one of %1.").arg(targetIds()), QStringLiteral("ID"));
    const QCommandLineOption listOption(
        QStringLiteral("list-targets"),
        QStringLiteral("Print every target, one a line: id, a tab, the label."));
    const QCommandLineOption indentOption(
        QStringLiteral("indent"), QStringLiteral("Spaces per indentation level (default 2)."),
        QStringLiteral("N"), QStringLiteral("2"));
    parser.addOption(helpOption);
    parser.addOption(targetOption);
    parser.addOption(listOption);
    parser.addOption(indentOption);
    addRequestOptions(parser);

    if (!parser.parse(arguments)) {
        err << program << ": " << parser.errorText() << "\nRun '" << program
            << " --help' for the options.\n";
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        // Qt names the executable file in the usage line; users type "ferry-cli snippet".
        const QString help = parser.helpText();
        out << QStringLiteral("Usage: %1 [options] url").arg(program)
            << help.mid(help.indexOf(u'\n')) << kExitCodes;
        return ExitOk;
    }

    if (parser.isSet(listOption)) {
        for (const codegen::TargetInfo &target : codegen::targets())
            out << target.id << '\t' << target.label << '\n';
        return ExitOk;
    }

    if (!parser.isSet(targetOption)) {
        err << program << ": --target is missing; the targets are: " << targetIds() << '\n';
        return ExitUsage;
    }
    const QString target = parser.value(targetOption);
    if (!codegen::generatorFor(target)) {
        err << program << ": unknown target '" << target << "'; the targets are: " << targetIds()
            << '\n';
        return ExitUsage;
    }

    bool indentOk = false;
    const int indent = parser.value(indentOption).toInt(&indentOk);
    if (!indentOk || indent < 0 || indent > 16) {
        err << program << ": --indent '" << parser.value(indentOption)
            << "': expected a number from 0 to 16\n";
        return ExitUsage;
    }

    Result<Request> request = requestFromOptions(parser);
    if (!request) {
        err << program << ": " << request.error().message << '\n';
        return ExitUsage;
    }

    const QList<FieldProblem> problems = validateRequest(request.value());
    if (!problems.isEmpty()) {
        for (const FieldProblem &problem : problems)
            err << program << ": invalid request: " << fieldName(problem) << ": " << problem.message
                << '\n';
        return ExitInvalidRequest;
    }

    const Result<QString> snippet =
        codegen::generateSnippet(target, request.value(), codegen::SnippetOptions{indent});
    if (!snippet) {
        err << program << ": " << snippet.error().message << '\n';
        return ExitUsage;
    }
    out << snippet.value();
    return ExitOk;
}

} // namespace ferry::cli
