//! Every generated record goes through the same validators as a real agency file:
//! `OrgNode::validate` (+ `check_parent`) for the org tree and `Pegawai::validate` for the ASN.

use std::collections::HashMap;

use bangkom_core::org::{JenisOrg, OrgInput, OrgKode, OrgNode};
use bangkom_core::pegawai::{JenisAsn, Pegawai, PegawaiInput};
use bangkom_demo::{DEFAULT_PEGAWAI, OrgRecord, PegawaiRecord, org_tree, pegawai};

fn org_input(o: &OrgRecord) -> OrgInput {
    let row = o.to_row();
    OrgInput {
        kode: row[0].clone(),
        nama: row[1].clone(),
        jenis: row[2].clone(),
        induk: row[3].clone(),
        layanan: row[4].clone(),
    }
}

fn pegawai_input(p: &PegawaiRecord) -> PegawaiInput {
    PegawaiInput {
        nip: p.nip.clone(),
        nama: p.nama.clone(),
        jenis_kelamin: p.jenis_kelamin.to_string(),
        tanggal_lahir: p.tanggal_lahir.clone(),
        jenis_asn: p.jenis_asn.to_string(),
        golongan: p.golongan.clone(),
        jenis_jabatan: p.jenis_jabatan.to_string(),
        jabatan: p.jabatan.clone(),
        unit: p.unit.clone(),
        status: p.status.to_string(),
        jenjang: p.jenjang.clone(),
        eselon: String::new(),
        tmt_jabatan: p.tmt_jabatan.clone(),
        gelar_depan: p.gelar_depan.clone(),
        gelar_belakang: p.gelar_belakang.clone(),
    }
}

#[test]
fn every_org_record_passes_org_node_validate_and_its_parent_check() {
    let mut nodes: HashMap<OrgKode, JenisOrg> = HashMap::new();
    for o in org_tree() {
        let node = OrgNode::validate(&org_input(&o)).unwrap_or_else(|e| panic!("{o:?}: {e}"));
        assert_eq!(node.kode.as_str(), o.kode);
        assert_eq!(node.layanan, o.layanan);
        let parent = node.induk.as_ref().map(|i| {
            let j = nodes
                .get(i)
                .unwrap_or_else(|| panic!("{}: parent {i} not seen yet", o.kode));
            (i, *j)
        });
        node.check_parent(parent)
            .unwrap_or_else(|e| panic!("{o:?}: {e:?}"));
        nodes.insert(node.kode.clone(), node.jenis);
    }
}

#[test]
fn every_pegawai_record_passes_pegawai_validate_without_warnings() {
    let units: HashMap<String, JenisOrg> = org_tree()
        .iter()
        .map(|o| {
            (
                o.kode.clone(),
                OrgNode::validate(&org_input(o)).unwrap().jenis,
            )
        })
        .collect();
    let mut pppk = 0;
    for p in pegawai(DEFAULT_PEGAWAI, 1) {
        let v = Pegawai::validate(&pegawai_input(&p)).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert!(v.warnings.is_empty(), "{p:?}: {:?}", v.warnings);
        assert_eq!(v.nip.as_str(), p.nip);
        assert_eq!(v.golongan.code(), p.golongan);
        assert_eq!(v.jenis_jabatan.code(), p.jenis_jabatan);
        assert_eq!(v.jenis_kelamin.code(), p.jenis_kelamin);
        assert_eq!(v.status.code(), p.status);
        assert!(units.contains_key(v.unit.as_str()), "{p:?}");
        if v.jenis_asn == JenisAsn::Pppk {
            pppk += 1;
        }
    }
    assert!(pppk > 0);
}

#[test]
fn another_seed_also_validates() {
    for p in pegawai(3000, 0xBA46_C0DE) {
        Pegawai::validate(&pegawai_input(&p)).unwrap_or_else(|e| panic!("{p:?}: {e}"));
    }
}
