#include "ui/autheditor.h"
#include "ui/bodyeditor.h"
#include "ui/fieldmarks.h"
#include "ui/headerseditor.h"
#include "ui/requesteditor.h"

#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace ferry;

namespace {

Request withHeaders(const QList<HeaderRow> &headers)
{
    Request request;
    request.headers = headers;
    return request;
}

} // namespace

class TestRequestEditor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void roundTripsEveryField();
    void customMethodKeepsTypedToken();
    void tokenIsMaskedUntilEyeIsPressed();
    void bearerTokenBecomesAuthorizationHeader();
    void typingIntoBlankRowAddsHeaderAndNewBlankRow();
    void addButtonStartsEditingNewRow();
    void removeButtonDeletesSelectedRow();
    void uncheckedRowIsKeptButNotSent();
    void contentTypeDefaultsToJsonAndNoneStaysSelectable();
    void formatButtonPrettyPrintsBodyOrSaysWhereItBreaks();
    void problemsAreShownAtTheirFields();
    void sendButtonTurnsIntoCancelWhileBusy();

private:
    template <typename T> T *named(const QString &name) const
    {
        T *widget = m_editor->findChild<T *>(name);
        if (!widget)
            qFatal("no child named %s", qPrintable(name));
        return widget;
    }
    QTableWidget *table() const { return named<QTableWidget>(QStringLiteral("headersTable")); }
    void editCell(int row, int column, const QString &text);

    std::unique_ptr<RequestEditor> m_editor;
};

void TestRequestEditor::init()
{
    m_editor = std::make_unique<RequestEditor>();
    m_editor->resize(800, 500);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowActive(m_editor.get()));
}

void TestRequestEditor::cleanup()
{
    m_editor.reset();
}

void TestRequestEditor::editCell(int row, int column, const QString &text)
{
    named<QTabWidget>(QStringLiteral("requestTabs"))->setCurrentIndex(0);
    const QRect cell = table()->visualItemRect(table()->item(row, column));
    // Click the cell, then F2, as a keyboard user starts editing a cell.
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::keyClick(table(), Qt::Key_F2);
    QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
    QWidget *editor = QApplication::focusWidget();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

void TestRequestEditor::roundTripsEveryField()
{
    Request request;
    request.method = QStringLiteral("PATCH");
    request.url = QStringLiteral("https://api.example.com/items/7?fields=name");
    request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                       {QStringLiteral("X-Debug"), QStringLiteral("1"), false},
                       {QStringLiteral("If-Match"), QStringLiteral("\"abc\""), true}};
    request.auth = {AuthKind::Bearer, QStringLiteral("tok-1")};
    request.body = "<item><name>Ferry</name></item>";
    request.contentType = QStringLiteral("application/xml");

    QSignalSpy changed(m_editor.get(), &RequestEditor::changed);
    m_editor->setRequest(request);
    QCOMPARE(m_editor->request(), request);
    // Loading a request is one change, not one per field.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(named<QTabWidget>(QStringLiteral("requestTabs"))->tabText(0),
             QStringLiteral("Headers (3)"));
}

void TestRequestEditor::customMethodKeepsTypedToken()
{
    QLineEdit *method = named<QComboBox>(QStringLiteral("methodCombo"))->lineEdit();
    method->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(method, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(method, QStringLiteral("PROPFIND"));
    QCOMPARE(m_editor->request().method, QStringLiteral("PROPFIND"));

    const QStringList offered = [this] {
        QStringList items;
        auto *combo = named<QComboBox>(QStringLiteral("methodCombo"));
        for (int i = 0; i < combo->count(); ++i)
            items << combo->itemText(i);
        return items;
    }();
    QCOMPARE(offered, standardMethods());
}

void TestRequestEditor::tokenIsMaskedUntilEyeIsPressed()
{
    auto *token = named<QLineEdit>(QStringLiteral("tokenEdit"));
    QCOMPARE(token->echoMode(), QLineEdit::Password);

    auto *eye = named<QAction>(QStringLiteral("showTokenAction"));
    eye->trigger();
    QCOMPARE(token->echoMode(), QLineEdit::Normal);
    eye->trigger();
    QCOMPARE(token->echoMode(), QLineEdit::Password);
}

void TestRequestEditor::bearerTokenBecomesAuthorizationHeader()
{
    auto *kind = named<QComboBox>(QStringLiteral("authKindCombo"));
    auto *token = named<QLineEdit>(QStringLiteral("tokenEdit"));
    QVERIFY(!token->parentWidget()->isEnabled());

    kind->setCurrentIndex(kind->findText(QStringLiteral("Bearer token")));
    QVERIFY(token->parentWidget()->isEnabled());
    token->setFocus(Qt::OtherFocusReason);
    QTest::keyClicks(token, QStringLiteral("abc.def"));

    const QList<WireHeader> wire = m_editor->request().wireHeaders();
    QVERIFY(wire.contains(WireHeader{"Authorization", "Bearer abc.def"}));
    QCOMPARE(named<QTabWidget>(QStringLiteral("requestTabs"))->tabText(1),
             QStringLiteral("Auth (Bearer)"));
}

void TestRequestEditor::typingIntoBlankRowAddsHeaderAndNewBlankRow()
{
    QCOMPARE(table()->rowCount(), 1);
    // The blank row is a place to type, not a header: it has no checkbox yet.
    QVERIFY(!table()->item(0, HeadersEditor::EnabledColumn)->data(Qt::CheckStateRole).isValid());
    editCell(0, HeadersEditor::NameColumn, QStringLiteral("X-One"));
    QCOMPARE(table()->rowCount(), 2);
    QCOMPARE(table()->item(0, HeadersEditor::EnabledColumn)->checkState(), Qt::Checked);
    QVERIFY(!table()->item(1, HeadersEditor::EnabledColumn)->data(Qt::CheckStateRole).isValid());
    editCell(0, HeadersEditor::ValueColumn, QStringLiteral("1"));

    const QList<HeaderRow> expected = {{QStringLiteral("X-One"), QStringLiteral("1"), true}};
    QCOMPARE(m_editor->request().headers, expected);
    QCOMPARE(table()->rowCount(), 2);
}

void TestRequestEditor::addButtonStartsEditingNewRow()
{
    m_editor->setRequest(withHeaders({{QStringLiteral("A"), QStringLiteral("1"), true}}));
    QTest::mouseClick(named<QPushButton>(QStringLiteral("addHeaderButton")), Qt::LeftButton);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("headerNameEditor"));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("B"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);

    QCOMPARE(m_editor->request().headers.size(), 2);
    QCOMPARE(m_editor->request().headers.at(1).name, QStringLiteral("B"));
}

void TestRequestEditor::removeButtonDeletesSelectedRow()
{
    m_editor->setRequest(withHeaders({{QStringLiteral("A"), QStringLiteral("1"), true},
                                      {QStringLiteral("B"), QStringLiteral("2"), true}}));
    QSignalSpy changed(m_editor.get(), &RequestEditor::changed);
    const QRect cell = table()->visualItemRect(table()->item(0, HeadersEditor::ValueColumn));
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseClick(named<QPushButton>(QStringLiteral("removeHeaderButton")), Qt::LeftButton);

    const QList<HeaderRow> expected = {{QStringLiteral("B"), QStringLiteral("2"), true}};
    QCOMPARE(m_editor->request().headers, expected);
    QVERIFY(changed.count() >= 1);
}

void TestRequestEditor::uncheckedRowIsKeptButNotSent()
{
    m_editor->setRequest(withHeaders({{QStringLiteral("X-Off"), QStringLiteral("1"), true}}));
    QTableWidgetItem *check = table()->item(0, HeadersEditor::EnabledColumn);
    check->setCheckState(Qt::Unchecked);

    QCOMPARE(m_editor->request().headers.size(), 1);
    QVERIFY(!m_editor->request().headers.first().enabled);
    QVERIFY(m_editor->request().wireHeaders().isEmpty());
    QVERIFY(table()->item(0, HeadersEditor::NameColumn)->data(Qt::ForegroundRole).isValid());
}

void TestRequestEditor::contentTypeDefaultsToJsonAndNoneStaysSelectable()
{
    named<QTabWidget>(QStringLiteral("requestTabs"))->setCurrentIndex(2);
    auto *type = named<QComboBox>(QStringLiteral("contentTypeCombo"));
    QCOMPARE(type->currentText(), QStringLiteral("application/json"));
    auto *body = named<QsciScintilla>(QStringLiteral("bodyEditor"));
    body->setFocus(Qt::OtherFocusReason);
    QTest::keyClicks(body, QStringLiteral("{\"a\": 1}"));
    QCOMPARE(m_editor->request().contentType, QStringLiteral("application/json"));
    QVERIFY(
        m_editor->request().wireHeaders().contains(WireHeader{"Content-Type", "application/json"}));

    // "none" sends no Content-Type at all.
    type->setCurrentIndex(type->findText(QStringLiteral("none")));
    QCOMPARE(m_editor->request().contentType, QString());
    for (const WireHeader &header : m_editor->request().wireHeaders())
        QVERIFY(header.name != "Content-Type");

    QLineEdit *typeEdit = type->lineEdit();
    typeEdit->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(typeEdit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(typeEdit, QStringLiteral("application/vnd.ferry+json"));
    QCOMPARE(m_editor->request().contentType, QStringLiteral("application/vnd.ferry+json"));
    QCOMPARE(m_editor->request().body, QByteArray("{\"a\": 1}"));

    // A request loaded with a body and no type keeps "none"; one without a body offers the
    // default for whatever the user types next.
    Request typeless;
    typeless.method = QStringLiteral("POST");
    typeless.body = "a=1";
    m_editor->setRequest(typeless);
    QCOMPARE(type->currentText(), QStringLiteral("none"));
    QCOMPARE(m_editor->request(), typeless);
    m_editor->setRequest(Request());
    QCOMPARE(type->currentText(), QStringLiteral("application/json"));
}

void TestRequestEditor::formatButtonPrettyPrintsBodyOrSaysWhereItBreaks()
{
    named<QTabWidget>(QStringLiteral("requestTabs"))->setCurrentIndex(2);
    auto *body = named<QsciScintilla>(QStringLiteral("bodyEditor"));
    auto *format = named<QPushButton>(QStringLiteral("formatBodyButton"));
    auto *note = named<QLabel>(QStringLiteral("bodyNoteLabel"));

    body->setText(QStringLiteral("{\"a\":[1,2]"));
    QTest::mouseClick(format, Qt::LeftButton);
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("line 1")), qPrintable(note->text()));
    QCOMPARE(body->text(), QStringLiteral("{\"a\":[1,2]"));

    body->setText(QStringLiteral("{\"a\":{\"b\":true}}"));
    QVERIFY(note->isHidden());
    QTest::mouseClick(format, Qt::LeftButton);
    QCOMPARE(body->text(), QStringLiteral("{\n  \"a\": {\n    \"b\": true\n  }\n}"));
}

void TestRequestEditor::problemsAreShownAtTheirFields()
{
    m_editor->setRequest(withHeaders({{QStringLiteral("Good"), QStringLiteral("1"), true},
                                      {QStringLiteral("Bad Name"), QStringLiteral("2"), true}}));
    const QList<FieldProblem> problems = {
        {RequestField::Url, -1, QStringLiteral("The URL needs to start with http://")},
        {RequestField::HeaderName, 1, QStringLiteral("The header name 'Bad Name' has a space")},
        {RequestField::Token, -1, QStringLiteral("The token contains a line break")},
    };
    m_editor->showProblems(problems);

    auto *label = named<QLabel>(QStringLiteral("problemLabel"));
    QVERIFY(label->isVisible());
    for (const FieldProblem &problem : problems)
        QVERIFY(label->text().contains(problem.message));

    auto *url = named<QLineEdit>(QStringLiteral("urlEdit"));
    QVERIFY(fieldHasProblem(url));
    QCOMPARE(url->toolTip(), problems.at(0).message);
    auto *headers = named<HeadersEditor>(QStringLiteral("headersEditor"));
    QVERIFY(headers->hasProblem(1, RequestField::HeaderName));
    QVERIFY(!headers->hasProblem(0, RequestField::HeaderName));
    QCOMPARE(table()->item(1, HeadersEditor::NameColumn)->background().color(),
             problemBackground());
    QVERIFY(fieldHasProblem(named<QLineEdit>(QStringLiteral("tokenEdit"))));
    // The first problem gets the focus, so the user can fix it right away.
    QTRY_COMPARE(QApplication::focusWidget(), url);

    const QString ownToolTip = m_editor->findChild<QLineEdit *>(QStringLiteral("urlEdit"))
                                   ->property("ferryOwnToolTip")
                                   .toString();
    m_editor->clearProblems();
    QVERIFY(label->isHidden());
    QVERIFY(!fieldHasProblem(url));
    QCOMPARE(url->toolTip(), ownToolTip);
    QVERIFY(!headers->hasProblem(1, RequestField::HeaderName));
    QVERIFY(!fieldHasProblem(named<QLineEdit>(QStringLiteral("tokenEdit"))));
}

void TestRequestEditor::sendButtonTurnsIntoCancelWhileBusy()
{
    auto *button = named<QPushButton>(QStringLiteral("sendButton"));
    QSignalSpy send(m_editor.get(), &RequestEditor::sendRequested);
    QSignalSpy cancel(m_editor.get(), &RequestEditor::cancelRequested);
    QVERIFY(button->toolTip().contains(QStringLiteral("Ctrl+Enter")));

    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(send.count(), 1);

    m_editor->setBusy(true);
    QCOMPARE(button->text(), QStringLiteral("Cancel"));
    QVERIFY(button->toolTip().contains(QStringLiteral("Esc")));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    QCOMPARE(send.count(), 1);

    m_editor->setBusy(false);
    QCOMPARE(button->text(), QStringLiteral("Send"));
}

QTEST_MAIN(TestRequestEditor)
#include "tst_requesteditor.moc"
