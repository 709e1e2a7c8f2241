#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ferry::test {

// What one run of the built ferry-cli produced.
struct CliRun {
    bool finished = false; // exited by itself within the time allowed
    int exitCode = -1;     // -1 when it crashed or had to be killed
    QByteArray out;
    QByteArray err;
};

// Runs ferry-cli with the arguments and writes input to its standard input. It waits in the
// event loop, never in a blocking call, because the tests' servers answer from this thread.
CliRun runCli(const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 60'000);

// "exit N", then stdout and stderr, for failure messages.
QString describe(const CliRun &run);

} // namespace ferry::test
