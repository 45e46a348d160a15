"""Tests for netlib.garden.weave (ties, clusters) and netlib.garden.bridges (Burt's constraint and effective size, bridges), and warm paths."""

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from builders import SnapBuilder
from netlib.errors import AmbiguousError, NotFoundError
from netlib.garden.analysis import analyse, warm_paths
from netlib.store.settings import merge
from netlib.garden.graph import stable_order
from netlib.garden.bridges import structural_holes
from netlib.garden.weave import build_ties, clusters, company_keys

AS_OF = "2026-03-31"


def ties_of(g: nx.Graph) -> pd.DataFrame:
    return pd.DataFrame([(min(u, v), max(u, v), float(d.get("weight", 1.0))) for u, v, d in g.edges(data=True)],
                        columns=["a", "b", "weight"])


def graphs():
    star = nx.star_graph(5)
    complete = nx.complete_graph(6)
    karate = nx.karate_club_graph()  # weighted, 34 people
    rng = np.random.default_rng(0)
    randoms = []
    for seed in range(4):
        g = nx.gnp_random_graph(30, 0.15, seed=seed)
        for u, v in g.edges:
            g[u][v]["weight"] = float(rng.random() + 0.05)
        randoms.append(g)
    two_cliques = nx.barbell_graph(5, 2)
    return [star, complete, karate, two_cliques, *randoms]


@pytest.mark.parametrize("g", graphs())
def test_vectorised_constraint_equals_networkx(g):
    """The wedge formula gives networkx's constraint on every node (isolated: NaN)."""
    g.add_node(max(g) + 1)  # an isolated person
    idx = pd.Index(sorted(g))
    ours = structural_holes(ties_of(g), idx, chunk=17)  # tiny chunks exercise the chunking
    theirs = nx.constraint(g, weight="weight")
    assert np.allclose(ours["constraint"].to_numpy(), [theirs[i] for i in idx], equal_nan=True)


@pytest.mark.parametrize("g", graphs())
def test_vectorised_effective_size_equals_networkx(g):
    """Compared with networkx's per-node formula (``nodes=`` given). networkx 3.6's
    all-nodes scipy path normalises m_jq by the wrong axis for weighted graphs (it gives
    1.667 instead of 1.583 on the 4-node example below), so it is not the reference."""
    idx = pd.Index(sorted(g))
    ours = structural_holes(ties_of(g), idx)
    theirs = nx.effective_size(g, nodes=list(g), weight="weight")
    assert np.allclose(ours["effective_size"].to_numpy(), [theirs[i] for i in idx], equal_nan=True)


def test_effective_size_by_hand():
    # ties 0-1 (1), 0-2 (2), 1-2 (0.5), 2-3 (1). Ego 0: p01 = 1/3, p02 = 2/3;
    # j=1: 1 - p02 * m12 (0.5 / 1) = 2/3; j=2: 1 - p01 * m21 (0.5 / 2) = 11/12; sum 19/12
    g = nx.Graph()
    g.add_weighted_edges_from([(0, 1, 1.0), (0, 2, 2.0), (1, 2, 0.5), (2, 3, 1.0)])
    ours = structural_holes(ties_of(g), pd.Index(range(4)))
    assert ours.at[0, "effective_size"] == pytest.approx(19 / 12)


def test_build_ties_merges_kinds_derives_colleagues_and_ignores_strangers():
    b = SnapBuilder()
    ann, bob = b.person("Ann", company="Acme, Inc."), b.person("Bob", company="ACME")
    cy = b.person("Cy", company="Beta")
    big = [b.person(f"Big {i}", company="Huge Corp") for i in range(4)]
    b.tie(ann, bob, "knows")
    b.tie(ann, cy, "coattendance", weight=0.5)
    b.tie(ann, cy, "coattendance", weight=0.25)
    b.tie(ann, 999, "knows")  # 999 is not in the snapshot: ignored
    snap = b.build()
    ties = build_ties(snap, merge({"colleague_group_cap": 3}))  # Huge Corp has 4 > 3: no ties
    assert ties[["a", "b"]].values.tolist() == [[ann, bob], [ann, cy]]
    assert ties["kinds"].tolist() == ["colleague,knows", "coattendance"]
    # weight = 1 - exp(-(0.5 colleague + 1.0 knows)); 1 - exp(-(0.5 + 0.25))
    assert ties["weight"].tolist() == pytest.approx([1 - math.exp(-1.5), 1 - math.exp(-0.75)])
    assert not set(big) & set(ties["a"]) | set(ties["b"]) & set(big)


def two_groups(b):
    """Two groups of four who all know each other, joined by one tie (4 - 5)."""
    left = [b.person(f"L{i}", company="Left Co", tags=["design"]) for i in range(4)]
    right = [b.person(f"R{i}", company=None, tags=["ml"]) for i in range(4)]
    for grp in (left, right):
        for i, x in enumerate(grp):
            for y in grp[i + 1:]:
                b.tie(x, y, "knows")
    b.tie(left[-1], right[0], "knows")
    return left, right


def test_clusters_find_the_two_groups_and_name_them():
    b = SnapBuilder()
    left, right = two_groups(b)
    loner = b.person("Loner")
    snap = b.build()
    settings = merge()
    people = snap.people.assign(strength=0.5)
    cluster, frame = clusters(build_ties(snap, settings), people, settings)
    assert cluster[loner] == -1
    assert len(set(cluster[left])) == 1 and len(set(cluster[right])) == 1
    assert cluster[left[0]] != cluster[right[0]]
    assert sorted(frame["size"]) == [4, 4]
    labels = dict(zip(frame["people"].map(tuple), frame["label"]))
    assert labels[tuple(left)] == "Left Co"  # most common company
    assert labels[tuple(right)] == "ml"  # no company: most common tag


def clustered_garden(people=600, seed=3):
    """The benchmark's garden, small, plus two people tied only to each other and one tied to no one."""
    from builders import synthetic_snapshot

    snap = synthetic_snapshot(people, seed=seed)
    settings = merge()
    ids = snap.people.index
    pair, loner = int(ids.max()) + 1, int(ids.max()) + 3
    extra = snap.people.iloc[:3].assign(company=None)
    extra.index = pd.Index([pair, pair + 1, loner], name=ids.name)
    ties = pd.concat([build_ties(snap, settings),
                      pd.DataFrame([{"a": pair, "b": pair + 1, "weight": 0.6, "kinds": "knows"}])], ignore_index=True)
    return ties, pd.concat([snap.people, extra]).assign(strength=0.5), settings, (pair, pair + 1), loner


def test_clusters_partition_the_people_with_ties():
    """Every person with a tie is in exactly one cluster of two or more (or alone: -1),
    the rest -1; clusters are numbered 0.. by size, largest first (ties: lowest member id),
    connected, and the frame lists exactly the series' members."""
    ties, people, settings, pair, loner = clustered_garden()
    cluster, frame = clusters(ties, people, settings)
    assert cluster.index.equals(people.index)
    tied = set(ties["a"]) | set(ties["b"])
    assert set(cluster[cluster >= 0].index) <= tied
    assert (cluster[~people.index.isin(list(tied))] == -1).all() and cluster[loner] == -1
    assert cluster[pair[0]] == cluster[pair[1]] >= 0  # a pair tied only to each other is a cluster
    assert list(frame.index) == list(range(len(frame))) and len(frame) > 1
    assert sorted(cluster[cluster >= 0].unique()) == list(frame.index)
    for k, row in frame.iterrows():
        members = sorted(cluster.index[cluster == k])
        assert row["people"] == members and row["size"] == len(members) >= 2
    order = list(zip(-frame["size"], frame["people"].map(min)))
    assert order == sorted(order)
    g = nx.Graph(list(zip(ties["a"], ties["b"])))
    for members in frame["people"]:
        assert nx.is_connected(g.subgraph(members))
    assert set(frame["label_kind"]) <= {"company", "tag", "event", "around"}


def test_clusters_have_modularity_above_the_trivial_partitions():
    ties, people, settings, _, _ = clustered_garden()
    cluster, _ = clusters(ties, people, settings)
    g = nx.Graph()
    g.add_weighted_edges_from(zip(ties["a"], ties["b"], ties["weight"]))
    found = {}
    for node in g:  # singletons (-1) each alone
        found.setdefault(int(cluster[node]) if cluster[node] >= 0 else -1 - node, set()).add(node)
    q = nx.community.modularity(g, list(found.values()), weight="weight")
    components = nx.community.modularity(g, list(nx.connected_components(g)), weight="weight")
    alone = nx.community.modularity(g, [{n} for n in g], weight="weight")
    assert q > max(components, alone, 0.0)


def test_clusters_are_deterministic_and_leave_igraphs_generator_as_it_was():
    """The same ties give the same clusters, twice and after other random use (the global
    ``random`` and igraph's own generator); afterwards igraph draws from ``random`` again."""
    import random

    import igraph

    ties, people, settings, _, _ = clustered_garden()
    first, frame = clusters(ties, people, settings)
    second, _ = clusters(ties, people, settings)
    random.seed(99)
    random.random()
    igraph.Graph.Erdos_Renyi(n=200, p=0.05).community_leiden(objective_function="modularity")
    igraph.set_random_number_generator(random.Random(1))
    third, frame3 = clusters(ties, people, settings)
    igraph.set_random_number_generator(random)
    assert first.equals(second) and first.equals(third) and frame.equals(frame3)
    random.seed(5)
    clusters(ties, people, settings)
    after = igraph.Graph.Erdos_Renyi(n=60, p=0.1).get_edgelist()
    random.seed(5)
    assert igraph.Graph.Erdos_Renyi(n=60, p=0.1).get_edgelist() == after


@pytest.mark.parametrize("top", [1, 7, 2**16, 2**16 + 1, 2**40])
@pytest.mark.parametrize("mostly_sorted", [False, True])
def test_stable_order_is_a_stable_argsort(top, mostly_sorted):
    rng = np.random.default_rng(top)
    key = rng.integers(0, top, size=5000)
    if mostly_sorted:  # a few keys out of place, and runs of equal keys (the timsort path)
        key = np.sort(key) // 3 * 3
        key[rng.integers(0, len(key), 20)] = rng.integers(0, top, 20)
    assert np.array_equal(stable_order(key, top), np.argsort(key, kind="stable"))


def test_constraint_with_a_pair_tied_twice():
    """A frame with a repeated pair (not from build_ties): one tie of the summed weight."""
    ties = pd.DataFrame({"a": [1, 1, 2, 1, 3], "b": [2, 3, 3, 2, 4], "weight": [1.0, 1.0, 1.0, 0.5, 2.0]})
    ours = structural_holes(ties, pd.Index([1, 2, 3, 4]))
    g = nx.Graph()
    g.add_weighted_edges_from([(1, 2, 1.5), (1, 3, 1.0), (2, 3, 1.0), (3, 4, 2.0)])
    assert ours["degree"].tolist() == [2, 2, 3, 1]
    assert np.allclose(ours["constraint"], [nx.constraint(g, weight="weight")[i] for i in range(1, 5)])
    assert np.allclose(ours["effective_size"], [nx.effective_size(g, nodes=[i], weight="weight")[i] for i in range(1, 5)])
    # a tie to someone not in the index, or to oneself, is left out
    more = pd.concat([ties, pd.DataFrame({"a": [2, 4], "b": [99, 4], "weight": [5.0, 5.0]})], ignore_index=True)
    assert structural_holes(more, pd.Index([1, 2, 3, 4])).equals(ours)


def test_bridge_is_the_person_spanning_clusters():
    b = SnapBuilder()
    left, right = two_groups(b)
    broker = b.person("Broker")
    b.tie(broker, left[0], "knows")
    b.tie(broker, right[1], "knows")
    for p in [*left, *right, broker]:
        b.interaction("2026-03-01", "coffee", [p])
    g = analyse(b.build(), AS_OF)
    assert g.people.at[broker, "bridge"]
    assert g.people.at[broker, "constraint"] == pytest.approx(0.5)  # two unconnected contacts: 2 x 0.5^2
    assert not g.people.loc[left[1:3], "bridge"].any()


def test_person_tied_to_no_one_has_nan_constraint():
    b = SnapBuilder()
    ann, bob, cy = b.person("Ann"), b.person("Bob"), b.person("Cy")
    b.tie(ann, bob)
    g = analyse(b.build(), AS_OF)
    assert g.people["constraint"].isna().all()  # Ann and Bob have one tie, Cy none
    assert g.people.at[cy, "cluster"] == -1


def test_warm_paths_rank_by_product_of_strengths():
    b = SnapBuilder()
    ann, bob = b.person("Ann Lee"), b.person("Bob Ray")
    cy = b.person("Cy Doe", company="Target Corp")
    b.interaction("2026-03-30", "coffee", [ann])  # Ann: 0.39
    b.interaction("2026-03-30", "call", [bob])  # Bob: 0.28 (an email, 0.08, would be below 0.1: no introducer)
    b.tie(ann, cy, "knows")  # 0.63
    b.tie(bob, cy, "family")  # 1 - exp(-1.5) = 0.78
    g = analyse(b.build(), AS_OF)
    paths = warm_paths(g, "cy doe")
    assert [p["via"] for p in paths] == [ann, bob]  # 0.39 x 0.63 = 0.25 before 0.28 x 0.78 = 0.22
    assert paths[0]["path"] == [ann, cy]
    s_ann = 1 - math.exp(-3 / 6 * 2 ** (-1 / 90))
    assert paths[0]["score"] == pytest.approx(s_ann * (1 - math.exp(-1)), rel=1e-5)
    assert warm_paths(g, cy) == paths
    assert [p["target"] for p in warm_paths(g, "Target Corp")] == [cy, cy]
    # to Ann: only via Bob (Cy has strength 0 with you, so Cy is no first hop)
    # (you know Ann yourself, so that comes first, with her strength as its score)
    assert [p["path"] for p in warm_paths(g, "Ann Lee")] == [[ann], [bob, cy, ann]]
    assert warm_paths(g, "Ann Lee")[0]["score"] == pytest.approx(s_ann, rel=1e-5)


def test_warm_paths_to_a_company_include_people_you_know_there():
    b = SnapBuilder()
    ann = b.person("Ann", company="Acme")
    b.interaction("2026-03-30", "coffee", [ann])
    g = analyse(b.build(), AS_OF)
    paths = warm_paths(g, "ACME Inc.")
    assert paths[0]["path"] == [ann] and "You know Ann" in paths[0]["why"]


def test_warm_paths_errors():
    b = SnapBuilder()
    b.person("Sam Lee")
    b.person("Sam Lee")
    b.person("Solo", since="2020-01-01")
    g = analyse(b.build(), AS_OF)
    with pytest.raises(AmbiguousError) as err:
        warm_paths(g, "Sam Lee")
    assert err.value.candidates == [1, 2]
    with pytest.raises(NotFoundError, match="no person or company"):
        warm_paths(g, "Nobody Known")
    with pytest.raises(NotFoundError, match="no person with id 42"):
        warm_paths(g, 42)


def test_warm_paths_best_path_per_first_hop_equals_a_brute_force():
    """Each first hop's best path of at most MAX_PATH people (ties of at least TIE_WEIGHT),
    found by the numpy search, equals the best over every simple path ``[v, t]`` or
    ``[v, m, t]`` listed by hand, on random graphs, targets and weights; a company's own
    people are their own path, a person target is no first hop."""
    from netlib.garden.paths import MAX_PATH, TIE_WEIGHT, _best_paths

    rng = np.random.default_rng(3)
    for _ in range(200):
        n = int(rng.integers(3, 25))
        g = nx.gnp_random_graph(n, float(rng.uniform(0.05, 0.5)), seed=int(rng.integers(1_000_000)))
        ties = pd.DataFrame([(min(u, v), max(u, v), float(rng.choice([0.2, 0.3, 0.5, 0.9, rng.random()])))
                             for u, v in g.edges], columns=["a", "b", "weight"])
        targets = sorted(set(rng.choice(n, size=int(rng.integers(1, 4)), replace=False).tolist()))
        own = bool(rng.integers(2))
        real = nx.Graph()
        real.add_weighted_edges_from([(a, b, w) for a, b, w in ties.itertuples(index=False) if w >= TIE_WEIGHT])
        want = {t: 1.0 for t in targets} if own else {}
        for v in (v for v in real if v not in targets):
            paths = [[v, t] for t in targets if real.has_edge(v, t)]
            paths += [[v, m, t] for m in real[v] for t in targets
                      if m not in targets and m != t and v != t and real.has_edge(m, t)]
            if paths:
                want[v] = max(math.prod(real[x][y]["weight"] for x, y in zip(p, p[1:])) for p in paths)
        got = _best_paths(ties, targets, own)
        assert set(got) == set(want)
        for v, (product, path) in got.items():
            assert product == pytest.approx(want[v], rel=1e-12) and len(path) <= MAX_PATH and path[0] == v
            assert path[-1] in targets and all(real.has_edge(x, y) for x, y in zip(path, path[1:]))


def test_clusters_start_from_companies_only_where_they_describe_the_weave():
    """Companies whose members keep most of their tie weight among themselves, holding at
    least half the people, are where Leiden starts (one iteration): each such company
    comes out as one cluster named after it. The synthetic garden's companies are drawn
    at random: there everyone starts alone."""
    from netlib.garden.clusternames import company_keys
    from netlib.garden.weave import _company_start

    rng = np.random.default_rng(4)
    b = SnapBuilder()
    firms = [[b.person(f"P{c}-{i}", company=f"Firm {c}") for i in range(12)] for c in range(5)]
    loose = [b.person(f"Loose {i}", company=f"Solo {i}") for i in range(10)]
    everyone = [p for firm in firms for p in firm] + loose
    for x, y in rng.choice(everyone, size=(60, 2)):
        if x != y:
            b.tie(int(x), int(y), "knows", weight=0.3)
    snap = b.build()
    settings = merge()
    ties = build_ties(snap, settings)
    ids = np.unique(np.r_[ties["a"], ties["b"]])
    a, bb = np.searchsorted(ids, ties["a"]), np.searchsorted(ids, ties["b"])
    start = _company_start(company_keys(snap.people["company"].reindex(ids)).to_numpy(), a, bb,
                           ties["weight"].to_numpy())
    assert start is not None
    assert len({int(s) for s, i in zip(start, ids) if i in firms[0]}) == 1
    cluster, frame = clusters(ties, snap.people, settings)
    for c, firm in enumerate(firms):
        assert len(set(cluster[firm])) == 1
        assert frame.at[int(cluster[firm[0]]), "label"] == f"Firm {c}"
    g = nx.Graph(list(zip(ties["a"], ties["b"])))
    assert all(nx.is_connected(g.subgraph(members)) for members in frame["people"])

    ties, people, _, _, _ = clustered_garden()
    ids = np.unique(np.r_[ties["a"], ties["b"]])
    a, bb = np.searchsorted(ids, ties["a"]), np.searchsorted(ids, ties["b"])
    assert _company_start(company_keys(people["company"].reindex(ids)).to_numpy(), a, bb,
                          ties["weight"].to_numpy()) is None


def test_zero_weight_ties_leave_effective_size_a_number():
    """A tie of weight 0 (a tie kind weighted 0 in the settings): its ends' effective size is
    still sum_j (1 - sum_q p_iq m_jq), a tie without triangles adding 1 (it was NaN: 0 / 0
    where nothing is redundant). Person 1: 1 + (1 - 1/6) + (1 - 2/3); person 2: its one tie."""
    ties = pd.DataFrame({"a": np.int64([1, 1, 1, 3]), "b": np.int64([2, 3, 4, 4]), "weight": [0.0, 1.0, 0.5, 0.5]})
    with np.errstate(divide="ignore", invalid="ignore"):
        holes = structural_holes(ties, pd.Index([1, 2, 3, 4]))
    assert holes["effective_size"].tolist() == pytest.approx([13 / 6, 1.0, 7 / 6, 1.0])


def test_clusters_the_general_way_equal_the_fast_way():
    """clusters() looks the tied people up in one array when their ids are the people's,
    sorted, and flattens tags that are lists by C loops; people in another order and tags
    as tuples or plain text take the general way (sort and hash; pandas' explode) and must
    give the same clusters, names and hubs."""
    ties, people, settings, _, _ = clustered_garden()
    fast = clusters(ties, people, settings)
    shuffled = people.sample(frac=1.0, random_state=1)
    shuffled = shuffled.assign(tags=[tuple(t) if k % 2 else (t[0] if len(t) == 1 else t)
                                     for k, t in enumerate(shuffled["tags"])])
    slow = clusters(ties, shuffled, settings)
    pd.testing.assert_series_equal(fast[0], slow[0].reindex(people.index))
    pd.testing.assert_frame_equal(fast[1], slow[1])
    # the company keys handed in (as weave_of does, made once for build_ties too), either way
    for frame, want in ((people, fast), (shuffled, slow)):
        given = clusters(ties, frame, settings, keys=company_keys(frame["company"]).to_numpy())
        pd.testing.assert_series_equal(given[0], want[0])
        pd.testing.assert_frame_equal(given[1], want[1])


def test_heaviest_equals_lexsort():
    """clusternames._heaviest against the lexsort it replaces, with equal weights (the lowest
    position wins) and, through its fallback, NaN."""
    from netlib.garden.clusternames import _heaviest

    rng = np.random.default_rng(5)
    cluster = np.repeat(np.arange(6), [1, 5, 3, 8, 2, 4])
    for weight in (rng.choice([0.5, 1.0, 2.0], len(cluster)), np.r_[np.nan, rng.random(len(cluster) - 1)]):
        order = np.lexsort((-weight, cluster))
        want = order[np.r_[True, cluster[order][1:] != cluster[order][:-1]]]
        assert _heaviest(cluster, weight, 6).tolist() == want.tolist()


def test_build_ties_equals_a_plain_sum_per_pair():
    """build_ties against a plain reference (per pair: each row's weight times its kind's,
    plus a derived colleague tie unless a colleague tie is recorded): repeated pairs and
    kinds, pairs written both ways, zero and missing weights, a recorded colleague tie on
    colleagues, an unknown kind and a stranger; the pairs of one row take the fast way."""
    rng = np.random.default_rng(11)
    b = SnapBuilder()
    people = [b.person(f"P{i}", company=["Acme", "acme inc", "Beta", None][i % 4]) for i in range(24)]
    kinds = ["knows", "colleague", "coattendance", "family", "intro", "rival"]
    for _ in range(120):
        x, y = rng.choice(people, 2, replace=False)
        b.tie(int(x), int(y), kinds[rng.integers(len(kinds))], weight=float(rng.choice([0.0, 0.5, 1.0, 2.0])))
    b.tie(people[0], 999, "knows")  # a stranger: left out
    snap = b.build()
    snap.ties.loc[snap.ties.index[:5], "weight"] = np.nan  # missing: 1.0
    swap = snap.ties.index[5:20]
    snap.ties.loc[swap, ["a", "b"]] = snap.ties.loc[swap, ["b", "a"]].to_numpy()  # written the other way
    settings = merge()
    kw = settings["tie_kind_weights"]
    raw, seen = {}, {}
    for row in snap.ties.itertuples():
        if row.kind not in kw or 999 in (row.a, row.b):
            continue
        pair = (min(row.a, row.b), max(row.a, row.b))
        w = 1.0 if pd.isna(row.weight) else row.weight
        raw[pair] = raw.get(pair, 0.0) + w * kw[row.kind]
        seen.setdefault(pair, set()).add(row.kind)
    company = {p: ("acme" if i % 4 < 2 else "beta" if i % 4 == 2 else None) for i, p in enumerate(people)}
    for i, x in enumerate(people):
        for y in people[i + 1:]:
            if company[x] and company[x] == company[y] and "colleague" not in seen.get((x, y), set()):
                raw[(x, y)] = raw.get((x, y), 0.0) + kw["colleague"]
                seen.setdefault((x, y), set()).add("colleague")
    ties = build_ties(snap, settings)
    assert list(zip(ties["a"], ties["b"])) == sorted(raw)
    assert ties["weight"].tolist() == pytest.approx([1 - math.exp(-raw[p]) for p in sorted(raw)])
    from netlib.importers.records import TIE_KINDS
    assert ties["kinds"].tolist() == [",".join(k for k in TIE_KINDS if k in seen[p]) for p in sorted(raw)]


def _bridges_by_pandas(holes, ties, cluster, settings):
    """The bridge rule as pandas sums it over every tie end, grouped by id (as bridges() was
    written before its bincount shortcut): the reference its shortcut must equal."""
    a, b, w = ties["a"].to_numpy(), ties["b"].to_numpy(), ties["weight"].to_numpy(dtype=float)
    ca, cb = cluster.reindex(a).to_numpy(), cluster.reindex(b).to_numpy()
    cross = ca != cb
    ends = pd.DataFrame({"id": np.concatenate([a, b]), "w": np.concatenate([w, w]),
                         "out": np.concatenate([w * (cross & (cb >= 0)), w * (cross & (ca >= 0))])})
    sums = ends.groupby("id")[["w", "out"]].sum()
    share = (sums["out"] / sums["w"]).reindex(holes.index).fillna(0.0)
    low = holes["constraint"].le(settings["bridge_max_constraint"]) & holes["degree"].ge(2)
    return (share >= settings["bridge_min_outside"]) & low


@pytest.mark.parametrize("weight", [0.5, 1.0, 0.3, 2.0])
def test_a_share_exactly_at_the_cut_is_decided_as_pandas_sums_over_all_ties(weight):
    """Pat has twelve equal ties (a derived colleague tie's 0.5, a plain knows tie's 1.0...),
    three into the other group: a quarter of the weight out, the bridge cut. Whether the
    share reaches 0.25 rests on the last bit of the sums; pandas' sum of one person's rows
    alone differs from its sum over all the rows (pandas 3 adds sorted groups by reduceat),
    so the shares near the cut must be summed again over all of them."""
    b = SnapBuilder()
    pat = b.person("Pat Bridge")
    groups = [[b.person(f"{g}{i}") for i in range(9)] for g in "AB"]
    for group in groups:
        for i, x in enumerate(group):
            for y in group[i + 1:]:
                b.tie(x, y, "knows", weight=3.0)
    for x in groups[0] + groups[1][:3]:
        b.tie(pat, x, "knows", weight=weight)
    g = analyse(b.build(), AS_OF)
    d = g.detail
    assert d.loc[pat, "cluster"] == d.loc[groups[0][0], "cluster"] != d.loc[groups[1][0], "cluster"]
    want = _bridges_by_pandas(d[["degree", "constraint"]], g.ties, d["cluster"], g.settings)
    assert d["bridge"].tolist() == want.tolist()
    assert bool(d.loc[pat, "bridge"]) == bool(want.loc[pat])


def test_clusters_leave_out_ties_to_people_not_among_them():
    """A frame not from build_ties may name ids that are not among the people (a tie to
    someone since deleted, or cut away): clusters() leaves those ties out, as
    structural_holes does, rather than failing with a KeyError. Sorted people (the array
    lookup) and shuffled ones (the general way) alike."""
    ties, people, settings, _, _ = clustered_garden()
    stranger = int(people.index.max()) + 100
    some = people.index[:3].tolist()
    more = pd.concat([ties, pd.DataFrame({"a": some, "b": [stranger] * 3, "weight": 0.9, "kinds": "knows"})],
                     ignore_index=True)
    for frame in (people, people.sample(frac=1.0, random_state=2)):
        want = clusters(ties, frame, settings)
        got = clusters(more, frame, settings)
        assert got[0].index.equals(frame.index) and stranger not in got[0].index
        pd.testing.assert_series_equal(got[0], want[0])
        pd.testing.assert_frame_equal(got[1], want[1])
    # ties to strangers only: no clusters, everyone -1
    alone = clusters(more.iloc[len(ties):], people, settings)
    assert (alone[0] == -1).all() and len(alone[1]) == 0
