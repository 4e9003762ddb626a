" Vim indent file for jny: two spaces per open brace, bracket or parenthesis; a line that
" starts with a closer goes back one level.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1
setlocal indentexpr=GetJnyIndent(v:lnum)
setlocal indentkeys=0{,0},0),0],!^F,o,O
setlocal autoindent nolisp nosmartindent
let b:undo_indent = 'setlocal indentexpr< indentkeys< autoindent< lisp< smartindent<'

if exists('*GetJnyIndent')
  finish
endif

" Open brackets on a line, ignoring those in strings and comments.
function! s:Balance(lnum) abort
  let l:line = getline(a:lnum)
  let l:n = 0
  for l:i in range(len(l:line))
    let l:c = l:line[l:i]
    if l:c =~# '[{(\[]\|[})\]]'
      let l:group = synIDattr(synID(a:lnum, l:i + 1, 0), 'name')
      if l:group =~# 'String\|Comment\|Escape\|Interp'
        continue
      endif
      let l:n += l:c =~# '[{(\[]' ? 1 : -1
    endif
  endfor
  return l:n
endfunction

" A line that begins inside a """ string or a block comment continues a token of an earlier
" line: its text is the user's own.
function! s:Continues(lnum) abort
  return synIDattr(synID(a:lnum, 1, 0), 'name') =~# '^jny\(String\|Comment\)$'
        \ && getline(a:lnum) !~# '^\s*\(//\|/\*\)'
endfunction

function! GetJnyIndent(lnum) abort
  let l:prev = prevnonblank(a:lnum - 1)
  if l:prev == 0
    return 0
  endif
  if s:Continues(a:lnum)
    return -1
  endif
  " The line above may end a multi-line string or comment: count from where it began.
  let l:bal = 0
  while l:prev > 1 && s:Continues(l:prev)
    let l:bal += s:Balance(l:prev)
    let l:prev -= 1
  endwhile
  let l:ind = indent(l:prev)
  let l:bal += s:Balance(l:prev)
  " A line that starts by closing counts its first closer here, not on the line above.
  if getline(l:prev) =~# '^\s*[})\]]'
    let l:bal += 1
  endif
  if l:bal > 0
    let l:ind += shiftwidth()
  elseif l:bal < 0
    let l:ind -= shiftwidth() * (-l:bal)
  endif
  if getline(a:lnum) =~# '^\s*[})\]]'
    let l:ind -= shiftwidth()
  endif
  return l:ind < 0 ? 0 : l:ind
endfunction
