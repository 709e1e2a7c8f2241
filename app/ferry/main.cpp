#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Ferry"));
    QApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setOrganizationDomain(QStringLiteral("ferry.io"));
    // Matches the installed .desktop file, so desktops show Ferry's name and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.ferry.Ferry"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/ferry.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Ferry, a native desktop HTTP request tester.\n"
                       "Ctrl+Enter sends the request, Esc cancels it."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    ferry::MainWindow window;
    window.show();
    return QApplication::exec();
}
