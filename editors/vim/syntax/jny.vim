" Vim syntax file for jny journey files (.jny).
" The word lists below are checked against the scanner and the schema by editors/test/words.sh
" (make editors-test): when the language gains a word, that test says which list to extend.
if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

" Declarations start top-level statements; inside a block (jnyBlock) the same words are
" attributes (`stage buy`), so jnyDecl is not contained there.
syn keyword jnyDecl channel check data flow journey kpi let opportunity outcome persona query stage team touchpoint use nextgroup=jnyDeclId skipwhite
syn match   jnyDeclId contained "\<\h\w*\>"

" Clause words and attributes: only inside blocks.
syn keyword jnyClause contained assert group limit measure meta metric order select target
syn keyword jnyAttr contained action actual backstage baseline behavior channel channels contact date delight delimiter description due duration effort emotion evidence expectation fixes frustration goal impact kind label lead message motivation need note owner pain persona quote rate scope segment severity share stage state status support tag thought touchpoint unit version volume

" Reserved words: keywords everywhere.
syn keyword jnyKeyword all and any as asc desc for from in not or where
syn keyword jnyBoolean false none true
" Words an attribute takes as its value (and an outcome's success or failure), and the
" built-in collections.
syn keyword jnyValue success failure current digital doing done dropped error future high human idea info low medium physical planned warning
syn keyword jnyCollection channels delights flows kpis opportunities outcomes pains personas stages teams touchpoints
" Built-in functions, only where called: followed by `(`, and not after `.` (`t.reach` is a
" field). A match, not a keyword: Vim takes `contains` in a keyword list for an option.
syn match   jnyFunction "\.\@1<!\<\%(avg\|ces\|contains\|count\|csat\|happiness\|len\|lower\|max\|median\|min\|nps\|paths\|percentile\|reach\|reachable\|startswith\|sum\|today\|upper\)\>\ze\s*("

" Operators before comments: at the same column the item defined last wins, so `//` and `/*`
" are comments and `->` is an arrow.
syn match   jnyOperator "==\|!=\|<=\|>=\|[<>+*/=-]"
syn match   jnyArrow    "->"

syn keyword jnyTodo contained TODO FIXME XXX NOTE
syn match   jnyComment "//.*$" contains=jnyTodo,@Spell
syn region  jnyComment start="/\*" end="\*/" contains=jnyTodo,@Spell

syn match   jnyEscape contained "\\\([\"\\nrt{}]\|u{\x\+}\)"
syn match   jnyInterp contained "{[^}\"]*}"
syn region  jnyString start=+"""+ end=+"""+ contains=jnyEscape,jnyInterp,@Spell
syn region  jnyString start=+"\(""\)\@!+ skip=+\\\\\|\\"+ end=+"+ oneline contains=jnyEscape,jnyInterp

syn match   jnyNumber   "\<\d[0-9_]*\(\.\d[0-9_]*\)\=\>"
syn match   jnyPercent  "\<\d[0-9_]*\(\.\d[0-9_]*\)\=%"
syn match   jnyDuration "\<\d[0-9_]*\(\.\d[0-9_]*\)\=\(s\|min\|h\|d\|w\)\>"
" Dates after numbers: at the same column the item defined last wins.
syn match   jnyDate     "\<\d\{4}-\d\d-\d\d\>"

syn region  jnyBlock matchgroup=jnyBrace start="{" end="}" transparent fold contains=ALLBUT,jnyDecl,jnyDeclId,jnyEscape,jnyInterp,jnyTodo

syn sync ccomment jnyComment minlines=50

hi def link jnyDecl       Keyword
hi def link jnyDeclId     Function
hi def link jnyClause     Statement
hi def link jnyAttr       Identifier
hi def link jnyKeyword    Keyword
hi def link jnyBoolean    Boolean
hi def link jnyValue      Constant
hi def link jnyCollection Type
hi def link jnyFunction   Function
hi def link jnyTodo       Todo
hi def link jnyComment    Comment
hi def link jnyString     String
hi def link jnyEscape     SpecialChar
hi def link jnyInterp     Special
hi def link jnyNumber     Number
hi def link jnyPercent    Number
hi def link jnyDuration   Number
hi def link jnyDate       Number
hi def link jnyArrow      Operator
hi def link jnyOperator   Operator
hi def link jnyBrace      Delimiter

let b:current_syntax = 'jny'
let &cpo = s:cpo_save
unlet s:cpo_save
