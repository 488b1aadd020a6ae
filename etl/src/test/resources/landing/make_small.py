import csv, hashlib, io, json, os, shutil, sys
root = sys.argv[1]
shutil.rmtree(root, ignore_errors=True)
def cols(system):
    t = {}
    # the contract's column lists as copied into the project
    contract = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'main', 'resources', 'contract')
    for r in csv.DictReader(open(os.path.join(contract, f'{system}.columns.csv'))):
        t.setdefault(r['table'], []).append(r['column'])
    return t
spec = {'carefirst': cols('carefirst'), 'liquidlogic': cols('liquidlogic')}
def write_drop(system, date, mode, tables, deletions=None, bom=(), manifest=True):
    d = os.path.join(root, system, date); os.makedirs(d, exist_ok=True)
    files = []
    for table, rows in tables.items():
        header = spec[system][table]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator='\r\n' if system == 'carefirst' else '\n')
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(c, '') for c in header])
        enc = 'cp1252' if system == 'carefirst' else ('utf-8-sig' if table in bom else 'utf-8')
        raw = buf.getvalue().encode(enc)
        open(os.path.join(d, table + '.csv'), 'wb').write(raw)
        files.append({'name': table + '.csv', 'rows': len(rows), 'sha256': hashlib.sha256(raw).hexdigest()})
    if deletions:
        buf = io.StringIO(); w = csv.writer(buf, lineterminator='\n')
        w.writerow(['TABLE_NAME', 'PRIMARY_KEY', 'DELETED_DTTM']); [w.writerow(x) for x in deletions]
        raw = buf.getvalue().encode('utf-8')
        open(os.path.join(d, '_DELETIONS.csv'), 'wb').write(raw)
        files.append({'name': '_DELETIONS.csv', 'rows': len(deletions), 'sha256': hashlib.sha256(raw).hexdigest()})
    if manifest:
        json.dump({'system': system, 'extract_date': date, 'extracted_at': date + 'T01:30:00', 'mode': mode, 'files': files},
                  open(os.path.join(d, '_manifest.json'), 'w'), indent=1)

clients = [
 dict(CLIENT_NO=1001, SURNAME='Smith', FORENAMES='Amy', DATE_OF_BIRTH='01/05/2010', DOB_ESTIMATED='N', GENDER='Female', ETHNICITY='White British', POSTCODE='ZZ99 9ZZ', ENTERED_ON='01/01/2014 09:00'),
 dict(CLIENT_NO=1002, SURNAME='Jones', FORENAMES='Ben', DATE_OF_BIRTH='12/08/2008', DOB_ESTIMATED='N', GENDER='Male', ETHNICITY='Asian Pakistani', ENTERED_ON='01/01/2014 09:00'),
 dict(CLIENT_NO=1003, SURNAME='Brontë', FORENAMES='Zoë', DATE_OF_BIRTH='29/02/2012', DOB_ESTIMATED='N', GENDER='Female', ETHNICITY='White - British', ENTERED_ON='01/03/2012 09:00'),
 dict(CLIENT_NO=1004, SURNAME='Jones', FORENAMES='Benjamin', DATE_OF_BIRTH='12/08/2008', DOB_ESTIMATED='N', GENDER='Male', ETHNICITY='Not Given', MERGED_INTO=1002, ENTERED_ON='02/02/2015 09:00'),
 dict(CLIENT_NO=1005, SURNAME='Taylor', FORENAMES='Cara', DATE_OF_BIRTH='03/03/2005', DOB_ESTIMATED='N', GENDER='Female', ETHNICITY='Black African', ENTERED_ON='01/01/2014 09:00'),
 dict(CLIENT_NO=1006, SURNAME='Old', FORENAMES='Dan', DATE_OF_BIRTH='01/01/2001', DOB_ESTIMATED='N', GENDER='Male', ETHNICITY='White British', ENTERED_ON='01/01/2014 09:00'),
]
def c(no, client, date, source, outcome, team, worker):
    return dict(CONTACT_NO=no, CLIENT_NO=client, CONTACT_DATE=date, SOURCE=source, OUTCOME=outcome, TEAM=team, WORKER_ID=worker, ENTERED_ON=date + ' 10:00')
feb = [c(5001, 1001, '05/01/2016', 'Police', 'Referral to Social Care', 'AREA1', 11),
       c(5002, 1002, '10/01/2016', 'School', 'No Further Action', 'Locality 2', 12),
       c(5003, 1004, '15/02/2016', 'GP', 'Referral to Social Care', 'Area One Locality Team', 11),
       c(5004, 1003, '31/02/2016', 'GP', 'Referral to Social Care', 'AREA1', 11),
       c(5005, 1006, '20/02/2016', 'Anonymous', 'Advice and Information', 'Mystery Team', 13)]
mar = feb + [c(5006, 1005, '02/03/2016', 'Health Visitor', 'Referral to Social Care', 'Locality Team 3', 13),
             c(5007, 1001, '15/03/2016', 'School', 'Existing Case', 'AREA1', 11)]
write_drop('carefirst', '2016-02-29', 'FULL', {'CLIENTS': clients, 'CONTACTS': feb})
write_drop('carefirst', '2016-03-31', 'FULL', {'CLIENTS': clients, 'CONTACTS': mar})

depts = [dict(DIM_DEPARTMENT_ID=i, NAME=f'Locality Team {i}', DEPT_TYPE_DESCRIPTION=f'Area {i}', LAST_UPDATED_DTTM='2016-04-01 00:00:00.000') for i in (1, 2, 3)]
def p(pid, legacy, fore, sur, dob, g, eth):
    return dict(DIM_PERSON_ID=pid, LEGACY_ID=legacy if legacy else 'NULL', FORENAME=fore, SURNAME=sur, BIRTH_DTTM=dob + ' 00:00:00.000', DOB_ESTIMATED='N',
                GENDER_MAIN_CODE=g, ETHNICITY_MAIN_CODE=eth, IS_CLIENT='Y', LAST_UPDATED_DTTM='2016-04-01 00:00:00.000')
persons = [p(9001, '1001', 'Amy', 'Smith', '2010-05-01', 'F', 'WBRI'), p(9002, '1002', 'Ben', 'Jones', '2008-08-12', 'M', 'APKN'),
           p(9003, '1003', 'Zoë', 'Brontë', '2012-02-29', 'F', 'WBRI'), p(9005, None, 'Cara', 'Taylor', '2005-03-03', 'F', 'BAFR'),
           p(9007, None, 'Eve', 'New', '2015-06-01', 'F', 'WBRI')]
def lc(cid, pid, date, src, dept, new='N', nfa='N', existing='N', advice='N'):
    return dict(FACT_CONTACT_ID=cid, DIM_PERSON_ID=pid, CONTACT_DTTM=date + ' 09:30:00.000', DIM_LOOKUP_CONT_SORC_ID=src,
                OUTCOME_NEW_REFERRAL_FLAG=new, OUTCOME_EXISTING_REFERRAL_FLAG=existing, OUTCOME_CP_ENQUIRY_FLAG='N',
                OUTCOME_NFA_FLAG=nfa, OUTCOME_ADVICE_FLAG=advice, OUTCOME_EARLY_HELP_FLAG='0', DIM_DEPARTMENT_ID=dept,
                DIM_WORKER_ID=-1, CREATED_DTTM=date + ' 12:00:00.000', LAST_UPDATED_DTTM=date + ' 12:00:00.000')
contacts = [lc(70001, 9001, '2016-01-05', '6', 1, new='Y'), lc(70002, 9002, '2016-01-10', '2A', 2, nfa='YES'),
            lc(70003, 9002, '2016-02-15', '3A', 1, new='1'), lc(70006, 9005, '2016-03-02', '3B', 3, new='Y'),
            lc(70007, 9001, '2016-03-15', '2A', 1, existing='Y'), lc(70008, 9007, '2016-04-01', '6', 2, new='Y')]
write_drop('liquidlogic', '2016-04-01', 'FULL', {'DIM_DEPARTMENT': depts, 'DIM_PERSON': persons, 'FACT_CONTACTS': contacts}, bom={'FACT_CONTACTS'})
write_drop('liquidlogic', '2016-04-02', 'DELTA', {'FACT_CONTACTS': [lc(70008, 9007, '2016-04-01', '6', 2, nfa='Y'),
            lc(70009, 9003, '2016-04-02', '1A', 3, advice='Y'), lc(70010, 9007, '2016-04-02', '6', 2, new='Y')]})
write_drop('liquidlogic', '2016-04-03', 'DELTA', {}, deletions=[('FACT_CONTACTS', '70010', '2016-04-03 08:00:00.000')])
write_drop('liquidlogic', '2016-04-05', 'DELTA', {'FACT_CONTACTS': [lc(70011, 9003, '2016-04-05', '1A', 3, advice='Y')]}, manifest=False)
