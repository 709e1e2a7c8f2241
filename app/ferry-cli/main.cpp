#include "commands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

const char kUsage[] = R"(Usage: ferry-cli COMMAND [OPTIONS]

Ferry's command line: the same core as the Ferry window, for scripts and CI.

Commands:
  send      Send a request described with curl-like options and print the status line,
            the response headers and the formatted body.
  snippet   Print the request as code for one target (--list-targets names them).
  format    Pretty-print JSON from a file or standard input; on invalid JSON print
            line, column and reason to standard error.

Run 'ferry-cli COMMAND --help' for the options of a command.

Options:
  -h, --help     Show this help.
  -v, --version  Show Ferry's version.

Exit codes:
  0  done; for send, an HTTP response arrived (whatever its status code)
  1  format: the input is not valid JSON
  2  usage: unknown command or option, missing argument or unreadable file
  3  send: the request was refused before sending (bad URL, header or token)
  4  send: connection refused, host not found or another network failure
  5  send: the TLS handshake failed or the certificate was not accepted
  6  send: no complete answer before the deadline
)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ferry-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.size() < 2) {
        err << kUsage;
        return ferry::cli::ExitUsage;
    }

    const QString command = arguments.at(1);
    if (command == QStringLiteral("-h") || command == QStringLiteral("--help")
        || command == QStringLiteral("help")) {
        out << kUsage;
        return ferry::cli::ExitOk;
    }
    if (command == QStringLiteral("-v") || command == QStringLiteral("--version")) {
        out << "ferry-cli " << FERRY_VERSION << '\n';
        return ferry::cli::ExitOk;
    }

    // The subcommand sees "ferry-cli COMMAND" as its program name, so its --help reads well.
    arguments.removeAt(1);
    arguments[0] = QStringLiteral("ferry-cli ") + command;
    if (command == QStringLiteral("send"))
        return ferry::cli::runSend(arguments);
    if (command == QStringLiteral("snippet"))
        return ferry::cli::runSnippet(arguments);
    if (command == QStringLiteral("format"))
        return ferry::cli::runFormat(arguments);

    err << "ferry-cli: unknown command '" << command << "'\n\n" << kUsage;
    return ferry::cli::ExitUsage;
}
