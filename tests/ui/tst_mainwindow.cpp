#include "ui/autheditor.h"
#include "ui/fieldmarks.h"
#include "ui/headerseditor.h"
#include "ui/mainwindow.h"

#include "core/json/jsonformatter.h"
#include "core/variables.h"
#include "testserver.h"

#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMutex>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace ferry;
using ferry::test::CannedResponse;
using ferry::test::TestServer;

namespace {

// Everything logged while a test runs, to prove that secrets stay out of the logs.
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&logMutex);
        capturedLog << message;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void sendsTypedUrlAndTokenWithCtrlEnter();
    void showsInvalidJsonAsReceivedWithNote();
    void malformedUrlIsReportedAndNothingIsSent_data();
    void malformedUrlIsReportedAndNothingIsSent();
    void badHeaderNameIsMarkedAndNothingIsSent_data();
    void badHeaderNameIsMarkedAndNothingIsSent();
    void ctrlEnterSendsFromInsideBodyEditor();
    void ctrlKeypadEnterSends();
    void ctrlEnterWhileEditingHeaderCellSendsTypedValue();
    void escapeCancelsRequestToSilentServer();
    void connectionRefusedShowsFailurePanel();
    void codePanelFollowsUrl();
    void sampleRequestRoundTripsThroughEchoServer();
    void tokenNeverReachesTheLog();
    void helpAboutAndFileQuit();
    void refusedRequestClearsEarlierResponse();
    void typedBodyIsSentAsJsonByDefault();
    void trustingCaCertificateReachesPrivateServer();
    void verificationOffReachesSelfSignedServerWithWarning();

private:
    template <typename T> T *named(const QString &name) const
    {
        T *widget = m_window->findChild<T *>(name);
        if (!widget)
            qFatal("no child named %s", qPrintable(name));
        return widget;
    }
    void typeInto(QWidget *field, const QString &text);
    void typeUrl(const QString &url);
    void typeToken(const QString &token);
    void showTab(const QString &tabsName, int index);
    void editHeaderCell(int row, int column, const QString &text, bool commit = true);
    void pressCtrlEnter(QWidget *where);
    QString statusText() const { return named<QLabel>(QStringLiteral("statusLabel"))->text(); }
    QString responseBodyText() const
    {
        return named<QsciScintilla>(QStringLiteral("responseBody"))->text();
    }

    std::unique_ptr<MainWindow> m_window;
    QStringList m_messages;
    QList<MainWindow::MessageKind> m_messageKinds;
    // What the file chooser answers, and the titles it was asked with.
    QString m_chosenFile;
    QStringList m_fileRequests;
};

void TestMainWindow::init()
{
    // File > Quit closes the window; that must not end the test run.
    QApplication::setQuitOnLastWindowClosed(false);
    m_window = std::make_unique<MainWindow>();
    m_messages.clear();
    m_messageKinds.clear();
    m_window->setMessagePresenter(
        [this](QWidget *, MainWindow::MessageKind kind, const QString &title, const QString &text) {
            m_messageKinds << kind;
            m_messages << title << text;
        });
    m_chosenFile.clear();
    m_fileRequests.clear();
    m_window->setFileChooser([this](QWidget *, const QString &title, const QString &) {
        m_fileRequests << title;
        return m_chosenFile;
    });
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

void TestMainWindow::typeInto(QWidget *field, const QString &text)
{
    field->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

void TestMainWindow::typeUrl(const QString &url)
{
    auto *field = named<QLineEdit>(QStringLiteral("urlEdit"));
    typeInto(field, url);
    QCOMPARE(field->text(), url);
}

void TestMainWindow::showTab(const QString &tabsName, int index)
{
    QTabBar *bar = named<QTabWidget>(tabsName)->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(index).center());
    QCOMPARE(bar->currentIndex(), index);
}

void TestMainWindow::typeToken(const QString &token)
{
    showTab(QStringLiteral("requestTabs"), 1);
    auto *kind = named<QComboBox>(QStringLiteral("authKindCombo"));
    kind->setCurrentIndex(kind->findText(QStringLiteral("Bearer token")));
    auto *field = named<QLineEdit>(QStringLiteral("tokenEdit"));
    typeInto(field, token);
    QCOMPARE(field->text(), token);
}

void TestMainWindow::editHeaderCell(int row, int column, const QString &text, bool commit)
{
    showTab(QStringLiteral("requestTabs"), 0);
    auto *table = named<QTableWidget>(QStringLiteral("headersTable"));
    const QRect cell = table->visualItemRect(table->item(row, column));
    // Click the cell, then F2, as a keyboard user starts editing a cell.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::keyClick(table, Qt::Key_F2);
    QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
    QWidget *editor = QApplication::focusWidget();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    if (commit)
        QTest::keyClick(editor, Qt::Key_Return);
}

void TestMainWindow::pressCtrlEnter(QWidget *where)
{
    where->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(where, Qt::Key_Return, Qt::ControlModifier);
}

void TestMainWindow::sendsTypedUrlAndTokenWithCtrlEnter()
{
    TestServer server;
    QVERIFY(server.listen());
    CannedResponse canned;
    canned.status = 201;
    canned.headers = {{"Content-Type", "application/json"}, {"X-Ferry-Trace", "trace-42"}};
    canned.body = R"({"name":"ferry","nested":{"a":1}})";
    server.setResponse(canned);

    typeUrl(server.url(QStringLiteral("/items?page=2")).toString());
    typeToken(QStringLiteral("typed-token-123"));
    pressCtrlEnter(named<QLineEdit>(QStringLiteral("tokenEdit")));

    QTRY_COMPARE(statusText(), QStringLiteral("201 Created"));
    auto *status = named<QLabel>(QStringLiteral("statusLabel"));
    QCOMPARE(status->property("statusClass").toString(), QStringLiteral("success"));
    QVERIFY(!named<QLabel>(QStringLiteral("timeLabel"))->text().isEmpty());
    QCOMPARE(named<QLabel>(QStringLiteral("sizeLabel"))->text(),
             QStringLiteral("%1 bytes").arg(canned.body.size()));

    auto *headers = named<QTableWidget>(QStringLiteral("responseHeadersTable"));
    bool found = false;
    for (int row = 0; row < headers->rowCount(); ++row) {
        if (headers->item(row, 0)->text() == u"X-Ferry-Trace") {
            QCOMPARE(headers->item(row, 1)->text(), QStringLiteral("trace-42"));
            found = true;
        }
    }
    QVERIFY2(found, "the response header X-Ferry-Trace is not in the headers table");

    const QString pretty = QStringLiteral("{\n"
                                          "  \"name\": \"ferry\",\n"
                                          "  \"nested\": {\n"
                                          "    \"a\": 1\n"
                                          "  }\n"
                                          "}");
    QCOMPARE(responseBodyText().trimmed(), pretty);
    QVERIFY(named<QLabel>(QStringLiteral("responseNoteLabel"))->isHidden());

    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().target, QByteArray("/items?page=2"));
    QCOMPARE(server.received().first().header("Authorization"),
             QByteArray("Bearer typed-token-123"));
    QCOMPARE(server.received().first().header("Accept"), QByteArray("application/json"));
}

void TestMainWindow::showsInvalidJsonAsReceivedWithNote()
{
    TestServer server;
    QVERIFY(server.listen());
    CannedResponse canned;
    canned.body = "{\"name\": \"ferry\",\n \"items\": [1, 2,, 3]}";
    server.setResponse(canned);

    typeUrl(server.url(QStringLiteral("/broken")).toString());
    pressCtrlEnter(named<QLineEdit>(QStringLiteral("urlEdit")));

    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QTRY_COMPARE(responseBodyText(), QString::fromUtf8(canned.body));
    auto *note = named<QLabel>(QStringLiteral("responseNoteLabel"));
    QVERIFY(note->isVisible());
    const std::optional<json::SyntaxError> error = json::validate(canned.body);
    QVERIFY(error);
    QCOMPARE(error->line, 2);
    QVERIFY2(note->text().contains(error->describe()), qPrintable(note->text()));
}

void TestMainWindow::malformedUrlIsReportedAndNothingIsSent_data()
{
    QTest::addColumn<QString>("urlPattern");
    QTest::newRow("two ports") << QStringLiteral("http://127.0.0.1:%1:1/get");
    QTest::newRow("no scheme") << QStringLiteral("127.0.0.1:%1/get");
    QTest::newRow("space in host") << QStringLiteral("http://127.0.0.1 x:%1/get");
    QTest::newRow("other scheme") << QStringLiteral("ftp://127.0.0.1:%1/get");
}

void TestMainWindow::malformedUrlIsReportedAndNothingIsSent()
{
    QFETCH(QString, urlPattern);
    TestServer server;
    QVERIFY(server.listen());

    typeUrl(urlPattern.arg(server.port()));
    auto *url = named<QLineEdit>(QStringLiteral("urlEdit"));
    pressCtrlEnter(url);

    auto *problem = named<QLabel>(QStringLiteral("problemLabel"));
    QTRY_VERIFY(problem->isVisible());
    QVERIFY(!problem->text().isEmpty());
    QVERIFY(fieldHasProblem(url));
    QCOMPARE(url->toolTip(), problem->text());
    QCOMPARE(named<QPushButton>(QStringLiteral("sendButton"))->text(), QStringLiteral("Send"));
    QCOMPARE(statusText(), QStringLiteral("Not sent"));

    // Editing clears the marks; the corrected request is the only one the server ever sees.
    typeUrl(server.url(QStringLiteral("/fixed")).toString());
    QVERIFY(problem->isHidden());
    QVERIFY(!fieldHasProblem(url));
    pressCtrlEnter(url);
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().path, QByteArray("/fixed"));
}

void TestMainWindow::badHeaderNameIsMarkedAndNothingIsSent_data()
{
    QTest::addColumn<QString>("badName");
    QTest::newRow("space") << QStringLiteral("X Trace");
    QTest::newRow("colon") << QStringLiteral("X-Trace:");
}

void TestMainWindow::badHeaderNameIsMarkedAndNothingIsSent()
{
    QFETCH(QString, badName);
    TestServer server;
    QVERIFY(server.listen());
    typeUrl(server.url(QStringLiteral("/headers")).toString());

    // The sample's Accept header is row 0; the blank row below it takes the new header.
    editHeaderCell(1, HeadersEditor::NameColumn, badName);
    editHeaderCell(1, HeadersEditor::ValueColumn, QStringLiteral("abc"));
    pressCtrlEnter(named<QLineEdit>(QStringLiteral("urlEdit")));

    auto *problem = named<QLabel>(QStringLiteral("problemLabel"));
    QTRY_VERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(badName), qPrintable(problem->text()));
    QVERIFY2(problem->text().contains(QStringLiteral("row 2")), qPrintable(problem->text()));
    auto *headers = named<HeadersEditor>(QStringLiteral("headersEditor"));
    QVERIFY(headers->hasProblem(1, RequestField::HeaderName));
    QVERIFY(!headers->hasProblem(0, RequestField::HeaderName));
    auto *table = named<QTableWidget>(QStringLiteral("headersTable"));
    QCOMPARE(table->item(1, HeadersEditor::NameColumn)->toolTip(), problem->text());
    QCOMPARE(named<QTabWidget>(QStringLiteral("requestTabs"))->currentIndex(), 0);

    editHeaderCell(1, HeadersEditor::NameColumn, QStringLiteral("X-Trace"));
    QVERIFY(problem->isHidden());
    QVERIFY(!headers->hasProblem(1, RequestField::HeaderName));
    pressCtrlEnter(named<QLineEdit>(QStringLiteral("urlEdit")));
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().header("X-Trace"), QByteArray("abc"));
}

void TestMainWindow::ctrlEnterSendsFromInsideBodyEditor()
{
    TestServer server;
    QVERIFY(server.listen());
    typeUrl(server.url(QStringLiteral("/post")).toString());
    typeInto(named<QComboBox>(QStringLiteral("methodCombo"))->lineEdit(), QStringLiteral("POST"));

    showTab(QStringLiteral("requestTabs"), 2);
    auto *type = named<QComboBox>(QStringLiteral("contentTypeCombo"));
    type->setCurrentIndex(type->findText(QStringLiteral("application/json")));
    auto *body = named<QsciScintilla>(QStringLiteral("bodyEditor"));
    body->setFocus(Qt::OtherFocusReason);
    QTest::keyClicks(body, QStringLiteral("{\"a\": 1}"));
    QCOMPARE(body->text(), QStringLiteral("{\"a\": 1}"));

    pressCtrlEnter(body);
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().method, QByteArray("POST"));
    QCOMPARE(server.received().first().body, QByteArray("{\"a\": 1}"));
    QCOMPARE(server.received().first().header("Content-Type"), QByteArray("application/json"));
    // Ctrl+Enter sent the request and typed nothing into the body.
    QCOMPARE(body->text(), QStringLiteral("{\"a\": 1}"));
}

void TestMainWindow::ctrlKeypadEnterSends()
{
    TestServer server;
    QVERIFY(server.listen());
    typeUrl(server.url(QStringLiteral("/keypad")).toString());

    // From the read-only code view, where Enter alone does nothing.
    auto *code = named<QsciScintilla>(QStringLiteral("codeView"));
    code->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(code, Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().path, QByteArray("/keypad"));
}

void TestMainWindow::ctrlEnterWhileEditingHeaderCellSendsTypedValue()
{
    TestServer server;
    QVERIFY(server.listen());
    typeUrl(server.url(QStringLiteral("/accept")).toString());

    editHeaderCell(0, HeadersEditor::ValueColumn, QStringLiteral("text/csv"), false);
    QWidget *cellEditor = QApplication::focusWidget();
    QVERIFY(qobject_cast<QLineEdit *>(cellEditor));
    QTest::keyClick(cellEditor, Qt::Key_Return, Qt::ControlModifier);

    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().header("Accept"), QByteArray("text/csv"));
}

void TestMainWindow::escapeCancelsRequestToSilentServer()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setSilent(true);
    typeUrl(server.url(QStringLiteral("/never")).toString());

    auto *url = named<QLineEdit>(QStringLiteral("urlEdit"));
    auto *send = named<QPushButton>(QStringLiteral("sendButton"));
    pressCtrlEnter(url);
    QTRY_COMPARE(send->text(), QStringLiteral("Cancel"));
    QTRY_COMPARE(server.received().size(), 1);
    QCOMPARE(statusText(), QStringLiteral("Sending…"));

    QTest::keyClick(url, Qt::Key_Escape);
    QTRY_COMPARE(statusText(), QStringLiteral("Canceled"));
    QCOMPARE(send->text(), QStringLiteral("Send"));
    QCOMPARE(named<QLabel>(QStringLiteral("failureTitleLabel"))->text(),
             QStringLiteral("Request canceled"));
    QVERIFY(named<QPlainTextEdit>(QStringLiteral("failureDetails"))->isVisible());

    // The window is ready for the next request.
    server.setSilent(false);
    pressCtrlEnter(url);
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
}

void TestMainWindow::connectionRefusedShowsFailurePanel()
{
    // A port that was free a moment ago and that nothing listens on any more.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    typeUrl(QStringLiteral("http://127.0.0.1:%1/nobody").arg(port));
    pressCtrlEnter(named<QLineEdit>(QStringLiteral("urlEdit")));

    QTRY_COMPARE(statusText(), QStringLiteral("Failed"));
    QCOMPARE(named<QLabel>(QStringLiteral("failureTitleLabel"))->text(),
             QStringLiteral("Connection refused"));
    auto *details = named<QPlainTextEdit>(QStringLiteral("failureDetails"));
    QVERIFY(details->isVisible());
    QVERIFY(!details->toPlainText().isEmpty());
    QVERIFY(details->textInteractionFlags() & Qt::TextSelectableByMouse);
    QCOMPARE(named<QStackedWidget>(QStringLiteral("responsePages"))->currentWidget(),
             details->parentWidget());
}

void TestMainWindow::codePanelFollowsUrl()
{
    auto *targets = named<QComboBox>(QStringLiteral("codeTargetCombo"));
    const int curl = targets->findData(QStringLiteral("curl"));
    QVERIFY(curl >= 0);
    targets->setCurrentIndex(curl);
    auto *code = named<QsciScintilla>(QStringLiteral("codeView"));

    // The sample's {{$echo}} shows as the echo server's address, as it would be sent.
    QTRY_VERIFY2(code->text().contains(QStringLiteral("http://127.0.0.1:")),
                 qPrintable(code->text()));
    QVERIFY(!code->text().contains(QStringLiteral("{{$echo}}")));

    typeUrl(QStringLiteral("http://127.0.0.1:9/changed/path?q=1"));
    QTRY_VERIFY2(code->text().contains(QStringLiteral("http://127.0.0.1:9/changed/path?q=1")),
                 qPrintable(code->text()));
}

void TestMainWindow::sampleRequestRoundTripsThroughEchoServer()
{
    QCOMPARE(named<QLineEdit>(QStringLiteral("urlEdit"))->text(),
             QStringLiteral("{{$echo}}/get?hello=ferry"));
    QCOMPARE(named<QComboBox>(QStringLiteral("methodCombo"))->currentText(), QStringLiteral("GET"));
    QCOMPARE(named<QLineEdit>(QStringLiteral("tokenEdit"))->echoMode(), QLineEdit::Password);

    pressCtrlEnter(named<QLineEdit>(QStringLiteral("urlEdit")));
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QTRY_VERIFY2(responseBodyText().contains(QStringLiteral("Bearer ferry-sample-token")),
                 qPrintable(responseBodyText()));
    QVERIFY(responseBodyText().contains(QStringLiteral("hello")));

    auto *echo = named<QLabel>(QStringLiteral("echoServerLabel"));
    QVERIFY2(echo->text().startsWith(QStringLiteral("Echo server: http://127.0.0.1:")),
             qPrintable(echo->text()));
}

void TestMainWindow::tokenNeverReachesTheLog()
{
    TestServer server;
    QVERIFY(server.listen());
    {
        QMutexLocker locker(&logMutex);
        capturedLog.clear();
    }
    QLoggingCategory::setFilterRules(QStringLiteral("ferry.*=true"));
    previousHandler = qInstallMessageHandler(captureMessage);
    auto restore = qScopeGuard([] {
        qInstallMessageHandler(previousHandler);
        QLoggingCategory::setFilterRules(QStringLiteral("ferry.*.debug=false"));
    });

    const QString token = QStringLiteral("very-secret-token-7f3a");
    typeUrl(server.url(QStringLiteral("/secret")).toString());
    typeToken(token);
    pressCtrlEnter(named<QLineEdit>(QStringLiteral("urlEdit")));
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QCOMPARE(server.received().first().header("Authorization"), "Bearer " + token.toUtf8());

    QMutexLocker locker(&logMutex);
    for (const QString &message : std::as_const(capturedLog))
        QVERIFY2(!message.contains(token), qPrintable(message));
}

void TestMainWindow::helpAboutAndFileQuit()
{
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Ferry"));
    QVERIFY(m_window->width() >= 1000);

    named<QAction>(QStringLiteral("aboutAction"))->trigger();
    QCOMPARE(m_messages.size(), 2);
    QCOMPARE(m_messages.at(0), QStringLiteral("About Ferry"));
    QCOMPARE(m_messageKinds, QList<MainWindow::MessageKind>{MainWindow::MessageKind::About});
    QVERIFY(m_messages.at(1).contains(QStringLiteral("Ctrl+Enter")));

    named<QAction>(QStringLiteral("quitAction"))->trigger();
    QTRY_VERIFY(!m_window->isVisible());
}

void TestMainWindow::refusedRequestClearsEarlierResponse()
{
    TestServer server;
    QVERIFY(server.listen());
    typeUrl(server.url(QStringLiteral("/first")).toString());
    pressCtrlEnter(named<QLineEdit>(QStringLiteral("urlEdit")));
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QTRY_VERIFY(named<QTabWidget>(QStringLiteral("responseTabs"))->isVisible());

    // The next request is refused before sending; the answer to the first must not stay on
    // screen looking like the answer to this one.
    typeUrl(QStringLiteral("not a url"));
    pressCtrlEnter(named<QLineEdit>(QStringLiteral("urlEdit")));
    QTRY_VERIFY(named<QLabel>(QStringLiteral("problemLabel"))->isVisible());
    QCOMPARE(statusText(), QStringLiteral("Not sent"));
    QVERIFY(named<QLabel>(QStringLiteral("timeLabel"))->text().isEmpty());
    QVERIFY(named<QLabel>(QStringLiteral("sizeLabel"))->text().isEmpty());
    QVERIFY(!named<QTabWidget>(QStringLiteral("responseTabs"))->isVisible());
    QVERIFY(named<QLabel>(QStringLiteral("responsePlaceholder"))->isVisible());
    QCOMPARE(server.received().size(), 1);
}

void TestMainWindow::typedBodyIsSentAsJsonByDefault()
{
    TestServer server;
    QVERIFY(server.listen());
    typeUrl(server.url(QStringLiteral("/items")).toString());
    typeInto(named<QComboBox>(QStringLiteral("methodCombo"))->lineEdit(), QStringLiteral("POST"));

    // The body tab as it opens, content type untouched.
    showTab(QStringLiteral("requestTabs"), 2);
    QCOMPARE(named<QComboBox>(QStringLiteral("contentTypeCombo"))->currentText(),
             QStringLiteral("application/json"));
    auto *body = named<QsciScintilla>(QStringLiteral("bodyEditor"));
    body->setFocus(Qt::OtherFocusReason);
    QTest::keyClicks(body, QStringLiteral("{\"name\": \"ferry\"}"));
    pressCtrlEnter(body);

    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().body, QByteArray("{\"name\": \"ferry\"}"));
    QCOMPARE(server.received().first().header("Content-Type"), QByteArray("application/json"));
}

void TestMainWindow::trustingCaCertificateReachesPrivateServer()
{
    const ferry::test::TlsFixture tls = ferry::test::TlsFixture::load();
    QVERIFY(tls.isComplete());
    TestServer server;
    QVERIFY(server.listenTls(tls.server, tls.serverKey));
    typeUrl(server.url(QStringLiteral("/private")).toString());
    auto *url = named<QLineEdit>(QStringLiteral("urlEdit"));

    // Signed by a CA that neither the system nor Ferry trusts yet.
    pressCtrlEnter(url);
    QTRY_COMPARE(statusText(), QStringLiteral("Failed"));
    QCOMPARE(named<QLabel>(QStringLiteral("failureTitleLabel"))->text(),
             QStringLiteral("Certificate not trusted"));
    const QString details = named<QPlainTextEdit>(QStringLiteral("failureDetails"))->toPlainText();
    QCOMPARE(details.count(QStringLiteral("is not trusted")), 1);
    QCOMPARE(details.count(QStringLiteral("Subject: CN=127.0.0.1")), 1);

    // A file that cannot be read says so and trusts nothing.
    auto *trust = named<QAction>(QStringLiteral("trustCaAction"));
    m_chosenFile = ferry::test::TlsFixture::dir() + QStringLiteral("/no-such-ca.pem");
    trust->trigger();
    QCOMPARE(m_fileRequests, QStringList{QStringLiteral("Trust a CA Certificate")});
    QCOMPARE(m_messageKinds, QList<MainWindow::MessageKind>{MainWindow::MessageKind::Problem});
    QVERIFY2(m_messages.value(1).contains(QStringLiteral("no-such-ca.pem")),
             qPrintable(m_messages.value(1)));
    auto *trusted = named<QLabel>(QStringLiteral("trustedCaLabel"));
    QVERIFY(trusted->isHidden());

    // Cancelling the dialog changes nothing either.
    m_chosenFile.clear();
    trust->trigger();
    QVERIFY(trusted->isHidden());

    m_chosenFile = ferry::test::TlsFixture::caPath();
    trust->trigger();
    QVERIFY(trusted->isVisible());
    QVERIFY2(trusted->text().contains(QStringLiteral("ca.pem")), qPrintable(trusted->text()));
    QCOMPARE(m_messageKinds.size(), 1);

    pressCtrlEnter(url);
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().path, QByteArray("/private"));
}

void TestMainWindow::verificationOffReachesSelfSignedServerWithWarning()
{
    const ferry::test::TlsFixture tls = ferry::test::TlsFixture::load();
    QVERIFY(tls.isComplete());
    TestServer server;
    QVERIFY(server.listenTls(tls.selfSigned, tls.selfSignedKey));
    typeUrl(server.url(QStringLiteral("/self")).toString());
    auto *url = named<QLineEdit>(QStringLiteral("urlEdit"));
    auto *verify = named<QAction>(QStringLiteral("verifyTlsAction"));
    auto *warning = named<QLabel>(QStringLiteral("verificationOffLabel"));
    QVERIFY(verify->isCheckable());
    QVERIFY(verify->isChecked());
    QVERIFY(warning->isHidden());

    pressCtrlEnter(url);
    QTRY_COMPARE(statusText(), QStringLiteral("Failed"));
    QCOMPARE(named<QLabel>(QStringLiteral("failureTitleLabel"))->text(),
             QStringLiteral("Certificate not trusted"));

    verify->trigger();
    QVERIFY(!verify->isChecked());
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(QStringLiteral("Certificate verification is off")),
             qPrintable(warning->text()));
    pressCtrlEnter(url);
    QTRY_COMPARE(statusText(), QStringLiteral("200 OK"));
    QCOMPARE(server.received().size(), 1);

    verify->trigger();
    QVERIFY(verify->isChecked());
    QVERIFY(warning->isHidden());
    pressCtrlEnter(url);
    QTRY_COMPARE(statusText(), QStringLiteral("Failed"));
    QCOMPARE(server.received().size(), 1);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
