//! A tiny treebank written for these tests (not taken from any corpus).

#![allow(dead_code)]

pub const TINY: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tbarks\tbark\tVERB\tVBZ\t_\t0\troot\t_\t_
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
2\tcat\tcat\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsleeps\tsleep\tVERB\tVBZ\t_\t0\troot\t_\t_
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tchildren\tchild\tNOUN\tNNS\t_\t3\tnsubj\t_\t_
3\tplayed\tplay\tVERB\tVBD\t_\t0\troot\t_\t_
4\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
6\tpark\tpark\tNOUN\tNN\t_\t3\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\treads\tread\tVERB\tVBZ\t_\t0\troot\t_\t_
3\ta\ta\tDET\tDT\t_\t4\tdet\t_\t_
4\tbook\tbook\tNOUN\tNN\t_\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tWe\twe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tsaw\tsee\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
4\told\told\tADJ\tJJ\t_\t5\tamod\t_\t_
5\tman\tman\tNOUN\tNN\t_\t2\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tAnna\tAnna\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_
3\tParis\tParis\tPROPN\tNNP\t_\t2\tobj\t_\t_
4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_
5\tMay\tMay\tPROPN\tNNP\t_\t2\tobl\t_\t_
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tgovernment\tgovernment\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tannounced\tannounce\tVERB\tVBD\t_\t0\troot\t_\t_
4\tnew\tnew\tADJ\tJJ\t_\t5\tamod\t_\t_
5\ttalks\ttalk\tNOUN\tNNS\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tHe\the\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_
3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tsign\tsign\tVERB\tVB\t_\t0\troot\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
6\tdeal\tdeal\tNOUN\tNN\t_\t4\tobj\t_\t_
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\t_
5\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_
6\tburned\tburn\tVERB\tVBD\t_\t2\tconj\t_\t_
7\thouses\thouse\tNOUN\tNNS\t_\t6\tobj\t_\t_
8\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_
3\ttwo\ttwo\tNUM\tCD\t_\t4\tnummod\t_\t_
4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\t_
5\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_
6\tMonday\tMonday\tPROPN\tNNP\t_\t2\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthat\tthat\tSCONJ\tIN\t_\t7\tmark\t_\t_
5\ttalks\ttalk\tNOUN\tNNS\t_\t7\tnsubj\t_\t_
6\twould\twould\tAUX\tMD\t_\t7\taux\t_\t_
7\tcontinue\tcontinue\tVERB\tVB\t_\t3\tccomp\t_\t_
8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tIs\tbe\tAUX\tVBZ\t_\t3\taux\t_\t_
2\tit\tit\tPRON\tPRP\t_\t3\tnsubj\t_\t_
3\training\train\tVERB\tVBG\t_\t0\troot\t_\t_
4\t?\t?\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tcity\tcity\tNOUN\tNN\t_\t2\tobj\t_\t_
5\tyesterday\tyesterday\tNOUN\tNN\t_\t2\tobl:tmod\t_\t_
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

/// Checks the tree conditions every output must meet.
pub fn assert_tree(heads: &[u32], deprels: &[&str]) {
    let n = heads.len();
    assert_eq!(deprels.len(), n);
    if n == 0 {
        return;
    }
    let roots: Vec<usize> = (0..n).filter(|&i| heads[i] == 0).collect();
    assert_eq!(roots.len(), 1, "exactly one root: {heads:?}");
    for i in 0..n {
        assert!(heads[i] as usize <= n, "head in range");
        assert_eq!(heads[i] == 0, deprels[i] == "root", "root label iff head 0");
        assert_ne!(heads[i] as usize, i + 1, "no self loop");
        // Walking up from any word reaches the root within n steps (no cycle).
        let mut h = i + 1;
        let mut steps = 0;
        while h != 0 {
            h = heads[h - 1] as usize;
            steps += 1;
            assert!(steps <= n, "cycle through word {}", i + 1);
        }
    }
}
