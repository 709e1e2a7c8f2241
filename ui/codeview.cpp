#include "ui/codeview.h"

#include "ui/fieldmarks.h"

#include <Qsci/qscicommandset.h>
#include <Qsci/qscilexerbash.h>
#include <Qsci/qscilexerhtml.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qscilexerxml.h>

#include <QFontDatabase>

#include <cmath>

namespace ferry {

namespace {

QsciLexer *lexerFor(const QString &language, QObject *parent)
{
    if (language == u"json") {
        auto *lexer = new QsciLexerJSON(parent);
        lexer->setHighlightComments(false);
        return lexer;
    }
    if (language == u"bash" || language == u"shell")
        return new QsciLexerBash(parent);
    if (language == u"javascript")
        return new QsciLexerJavaScript(parent);
    if (language == u"python")
        return new QsciLexerPython(parent);
    if (language == u"xml")
        return new QsciLexerXML(parent);
    if (language == u"html")
        return new QsciLexerHTML(parent);
    return nullptr;
}

// Contrast that text needs to be read without effort (WCAG AA for normal text).
constexpr double kReadableContrast = 4.5;

double relativeLuminance(const QColor &colour)
{
    const auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
           + 0.0722 * channel(colour.blueF());
}

// The colour, darkened step by step (keeping its hue) until it reads well on background.
QColor darkenedUntilReadable(QColor colour, const QColor &background)
{
    for (int step = 0; step < 40 && CodeView::contrastRatio(colour, background) < kReadableContrast;
         ++step)
        colour = colour.darker(110);
    return colour;
}

} // namespace

QColor CodeView::tintedLineBackground()
{
    // The same tint as a field that holds a problem.
    return problemBackground();
}

double CodeView::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

CodeView::CodeView(QWidget *parent)
    : QsciScintilla(parent)
    , m_font(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    setUtf8(true);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginLineNumbers(0, true);
    setMarginsForegroundColor(QColor(0x80, 0x80, 0x80));
    setMarginsBackgroundColor(QColor(0xf4, 0xf4, 0xf4));
    // Margin 1 holds symbols Ferry does not use; the fold margin is flat, not hatched.
    setMarginWidth(1, 0);
    setFoldMarginColors(QColor(0xf4, 0xf4, 0xf4), QColor(0xf4, 0xf4, 0xf4));
    setTabWidth(2);
    setIndentationsUseTabs(false);
    setAutoIndent(true);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setScrollWidthTracking(true);
    setScrollWidth(1);
    applyFont();
    releaseWindowShortcuts();

    connect(this, &QsciScintilla::linesChanged, this, &CodeView::updateMarginWidth);
    updateMarginWidth();
}

void CodeView::setLanguage(const QString &language)
{
    if (language == m_language)
        return;

    QsciLexer *previous = m_lexer;
    m_language = language;
    m_lexer = lexerFor(language, this);
    makeStylesReadable();
    setLexer(m_lexer);
    delete previous;

    // Structured text folds; plain text has nothing to fold.
    setFolding(m_lexer ? QsciScintilla::BoxedTreeFoldStyle : QsciScintilla::NoFoldStyle, 2);
    applyFont();
}

void CodeView::makeStylesReadable()
{
    if (!m_lexer)
        return;

    // Some lexers draw alarms as white on red (QsciLexerJSON's unclosed string and parse error)
    // and some colours are pale (JSON's true/false/null). On a tinted error line the white
    // text would vanish, so every style keeps the common paper and gets a foreground that
    // reads on both the paper and the tint; alarm styles turn dark red instead of white.
    const QColor paper = m_lexer->defaultPaper();
    const QColor alarm(0xb7, 0x1c, 0x1c);
    for (int style = 0; style < 128; ++style) {
        if (m_lexer->description(style).isEmpty())
            continue;
        QColor text = m_lexer->color(style);
        if (m_lexer->paper(style) != paper) {
            m_lexer->setPaper(paper, style);
            m_lexer->setEolFill(false, style);
            text = alarm;
        }
        text = darkenedUntilReadable(text, paper);
        m_lexer->setColor(darkenedUntilReadable(text, tintedLineBackground()), style);
    }
}

void CodeView::applyFont()
{
    if (m_lexer) {
        m_lexer->setDefaultFont(m_font);
        m_lexer->setFont(m_font, -1);
    } else {
        setFont(m_font);
    }
    setMarginsFont(m_font);
    updateMarginWidth();
}

void CodeView::updateMarginWidth()
{
    // Room for the largest line number plus one digit, so the margin does not jitter.
    const int digits = QString::number(qMax(1, lines())).size() + 1;
    setMarginWidth(0, QString(digits, u'9'));
}

void CodeView::releaseWindowShortcuts()
{
    // Scintilla binds Escape (cancel a call tip) and could claim Ctrl+Return; Ferry uses them
    // window-wide to cancel and send, and they must work while the cursor is in an editor.
    const int released[] = {int(Qt::Key_Escape), (Qt::CTRL | Qt::Key_Return).toCombined(),
                            (Qt::CTRL | Qt::Key_Enter).toCombined()};
    for (QsciCommand *command : standardCommands()->commands()) {
        for (int key : released) {
            if (command->key() == key)
                command->setKey(0);
            if (command->alternateKey() == key)
                command->setAlternateKey(0);
        }
    }
}

} // namespace ferry
