# Pools the called patients of several `simulate --json` reports and prints the ETA accuracy per source.
# jq -s -r -f docs/eta-pool.jq day1.json day2.json ...
def t: strptime("%Y-%m-%dT%H:%M:%S") | mktime;
def median: sort | length as $n | if $n == 0 then null elif $n % 2 == 1 then .[($n - 1) / 2] else (.[$n / 2 - 1] + .[$n / 2]) / 2 end;
def p90: sort | length as $n | if $n == 0 then null else .[([((0.9 * $n) | ceil), 1] | max) - 1] end;
def r1: if . == null then "-" else (. * 10 | round) / 10 | tostring end;
def pct: if . == null then "-" else (. * 100 | round | tostring) + "%" end;
def figures($name):
  length as $n
  | (map(fabs)) as $abs
  | "| \($name) | \($n) | \(median | r1) | \($abs | median | r1) | \($abs | p90 | r1) | \(if $n == 0 then null else ($abs | map(select(. <= 10)) | length) / $n end | pct) | \(if $n == 0 then null else (map(select(. < 0)) | length) / $n end | pct) |";
[.[] | .called[] | select(.lastTold != null) | {source, error: (((.calledAt | t) - (.lastTold.estimate | t)) / 60)}] as $all
| "| source | called | median signed | median abs | p90 abs | within ±10 min | earlier than told |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  (["Online", "Walk-in", "Priority", "Follow-up", "Emergency"][] as $s | [$all[] | select(.source == $s) | .error] | figures($s)),
  ([$all[] | .error] | figures("all"))
