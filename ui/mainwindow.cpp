#include "ui/mainwindow.h"

#include "ui/codepanel.h"
#include "ui/requestcontroller.h"
#include "ui/requesteditor.h"
#include "ui/responseview.h"
#include "ui/samplerequest.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>

namespace ferry {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_controller(new RequestController(this))
    , m_presentMessage([](QWidget *parent, const QString &title, const QString &text) {
        QMessageBox::about(parent, title, text);
    })
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Ferry"));
    resize(1280, 800);

    createActions();
    createMenus();
    createCentralWidget();

    m_echoLabel = new QLabel(this);
    m_echoLabel->setObjectName(QStringLiteral("echoServerLabel"));
    m_echoLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_echoLabel->setToolTip(QStringLiteral("Ferry's built-in echo server; use it as {{$echo}}"));
    statusBar()->addPermanentWidget(m_echoLabel);
    statusBar()->setObjectName(QStringLiteral("statusBar"));

    connect(m_controller, &RequestController::problemsFound, m_editor,
            &RequestEditor::showProblems);
    connect(m_controller, &RequestController::busyChanged, this, &MainWindow::setBusy);
    connect(m_controller, &RequestController::responseReady, m_response,
            &ResponseView::showResponse);
    connect(m_controller, &RequestController::echoServerStarted, this, &MainWindow::showEchoServer);
    connect(m_editor, &RequestEditor::changed, this, &MainWindow::requestEdited);
    connect(m_editor, &RequestEditor::sendRequested, this, &MainWindow::send);
    connect(m_editor, &RequestEditor::cancelRequested, this, &MainWindow::cancel);

    // A first launch opens a request that works offline, against the echo server.
    setRequest(sampleRequest());
    m_code->flush();
    m_editor->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow() = default;

void MainWindow::setMessagePresenter(MessagePresenter presenter)
{
    m_presentMessage = std::move(presenter);
}

void MainWindow::setRequest(const Request &request)
{
    m_editor->setRequest(request);
}

Request MainWindow::request() const
{
    return m_editor->request();
}

void MainWindow::createActions()
{
    m_sendAction = new QAction(QStringLiteral("&Send"), this);
    m_sendAction->setObjectName(QStringLiteral("sendAction"));
    m_sendAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_sendAction->setShortcutContext(Qt::WindowShortcut);
    m_sendAction->setToolTip(QStringLiteral("Send the request (Ctrl+Enter)"));
    connect(m_sendAction, &QAction::triggered, this, &MainWindow::send);

    m_cancelAction = new QAction(QStringLiteral("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WindowShortcut);
    m_cancelAction->setToolTip(QStringLiteral("Cancel the request in flight (Esc)"));
    // Only while a request is in flight, so Esc keeps its usual meaning otherwise.
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancel);

    m_quitAction = new QAction(QStringLiteral("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setToolTip(
        QStringLiteral("Quit Ferry (%1)")
            .arg(QKeySequence(QKeySequence::Quit).toString(QKeySequence::NativeText)));
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(QStringLiteral("&About Ferry"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    // Window-wide, whichever widget has the focus.
    addAction(m_sendAction);
    addAction(m_cancelAction);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_quitAction);

    QMenu *request = menuBar()->addMenu(QStringLiteral("&Request"));
    request->setObjectName(QStringLiteral("requestMenu"));
    request->addAction(m_sendAction);
    request->addAction(m_cancelAction);

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(m_aboutAction);
}

void MainWindow::createCentralWidget()
{
    m_editor = new RequestEditor(this);
    m_editor->setObjectName(QStringLiteral("requestEditor"));
    m_code = new CodePanel(this);
    m_code->setObjectName(QStringLiteral("codePanel"));
    m_response = new ResponseView(this);
    m_response->setObjectName(QStringLiteral("responseView"));

    m_leftSplitter = new QSplitter(Qt::Vertical, this);
    m_leftSplitter->setObjectName(QStringLiteral("requestSplitter"));
    m_leftSplitter->addWidget(m_editor);
    m_leftSplitter->addWidget(m_code);
    m_leftSplitter->setStretchFactor(0, 3);
    m_leftSplitter->setStretchFactor(1, 2);
    m_leftSplitter->setSizes({460, 300});

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_leftSplitter);
    m_mainSplitter->addWidget(m_response);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({640, 640});
    setCentralWidget(m_mainSplitter);
}

void MainWindow::send()
{
    if (m_controller->isBusy())
        return;

    m_editor->clearProblems();
    m_controller->send(m_editor->request());
}

void MainWindow::cancel()
{
    m_controller->cancel();
}

void MainWindow::requestEdited()
{
    m_editor->clearProblems();
    m_code->setRequest(m_controller->resolve(m_editor->request()));
}

void MainWindow::setBusy(bool busy)
{
    m_editor->setBusy(busy);
    m_sendAction->setEnabled(!busy);
    m_cancelAction->setEnabled(busy);
    if (busy)
        m_response->showSending();
}

void MainWindow::showEchoServer(const QUrl &baseUrl)
{
    m_echoLabel->setText(
        QStringLiteral("Echo server: %1").arg(baseUrl.toString(QUrl::StripTrailingSlash)));
}

void MainWindow::showAbout()
{
    const QString text =
        QStringLiteral("<h3>Ferry %1</h3>"
                       "<p>A native desktop HTTP request tester.</p>"
                       "<p>Ctrl+Enter sends the request, Esc cancels it. "
                       "<tt>{{$echo}}</tt> is the address of Ferry's built-in echo server.</p>"
                       "<p>Built with Qt %2.</p>")
            .arg(QStringLiteral(FERRY_VERSION), QString::fromLatin1(qVersion()));
    m_presentMessage(this, QStringLiteral("About Ferry"), text);
}

} // namespace ferry
