import re
import os
root=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
lines=open(os.path.join(root,'.env.example')).read().split('\n')
rows=[]; section=None; comment=[]
for l in lines:
    m=re.match(r'^# --- (.*?) -+$', l)
    if m: section=m.group(1); comment=[]; continue
    if l.startswith('#'):
        comment.append(l[1:].strip()); continue
    m=re.match(r'^([A-Z_0-9]+)=(.*)$', l)
    if m:
        rows.append((section, m.group(1), m.group(2), ' '.join(comment)))
    comment=[]
out=['| Variable | Default | What it does |','| --- | --- | --- |']
cur=None
for sec,k,v,c in rows:
    if sec!=cur:
        out.append(f'| **{sec}** | | |'); cur=sec
    c=c.replace('|','\\|')
    out.append(f'| `{k}` | {("`"+v+"`") if v else "unset"} | {c} |')
table='\n'.join(out)
p=os.path.join(root,'README.md')
s=open(p).read()
s=re.sub(r'<!-- config:start -->.*<!-- config:end -->', '<!-- config:start -->\n'+table+'\n<!-- config:end -->', s, flags=re.S)
open(p,'w').write(s)
