/**
 * Curated medication vocabulary for finding medication mentions in pasted note text.
 *
 * Why it exists: medication prescription and monitoring is one of the categories 45 CFR
 * 164.501 excludes from psychotherapy notes, so the linter has to recognise a medication
 * when a clinician writes one: a generic name, a US brand name, a drug class ("her SSRI"),
 * a dose ("100 mg BID") or prescribing/monitoring language ("meds", "titrated", "refill").
 *
 * Scope: psychotropics thoroughly (antidepressants, antipsychotics including long-acting
 * injectables, mood stabilisers, anxiolytics and hypnotics, ADHD drugs, addiction
 * medicines, newer agents) and about forty common general-medical drugs that clients
 * mention. Combination products are their own entries under the hyphenated generic name.
 *
 * Precision rule for names: a brand that is also an ordinary English word or a common
 * name would fire on ordinary prose, so it is left out and recorded in
 * {@link EXCLUDED_BRAND_NAMES} with the reason. Every name is unique case-insensitively
 * across generics and brands, so a name maps to exactly one entry
 * ({@link MEDICATION_BY_NAME}). `medications.test.ts` enforces both.
 */

/** Medication classes, as data. Psychotropic classes first, then general-medical ones. */
export const MEDICATION_CLASSES = [
  'ssri',
  'snri',
  'tricyclic-antidepressant',
  'maoi',
  'atypical-antidepressant',
  'rapid-acting-antidepressant',
  'neurosteroid-antidepressant',
  'antipsychotic-first-generation',
  'antipsychotic-second-generation',
  'antipsychotic-long-acting-injectable',
  'antipsychotic-muscarinic',
  'mood-stabilizer',
  'anticonvulsant',
  'benzodiazepine',
  'z-drug-hypnotic',
  'other-hypnotic',
  'anxiolytic-other',
  'adrenergic-agent',
  'stimulant',
  'wakefulness-agent',
  'adhd-non-stimulant',
  'addiction-medicine',
  'movement-disorder-agent',
  'analgesic',
  'opioid-analgesic',
  'cardiovascular',
  'lipid-lowering',
  'diabetes',
  'thyroid',
  'respiratory',
  'allergy',
  'gastrointestinal',
  'antibiotic',
  'anticoagulant',
  'hormonal',
  'urologic',
  'migraine',
  'muscle-relaxant',
  'corticosteroid',
] as const;
export type MedicationClass = (typeof MEDICATION_CLASSES)[number];

/** Classes that count as psychotropic (everything before the general-medical block). */
export const PSYCHOTROPIC_CLASSES: readonly MedicationClass[] = MEDICATION_CLASSES.slice(
  0,
  MEDICATION_CLASSES.indexOf('analgesic'),
);

export interface MedicationEntry {
  /** The generic (USAN) name, lower-case; combinations joined with a hyphen. */
  readonly generic: string;
  /** US brand names as marketed, in their usual capitalisation. */
  readonly brands: readonly string[];
  readonly class: MedicationClass;
}

/** The medication list. Order is by class, then roughly by how often notes mention them. */
export const MEDICATIONS: readonly MedicationEntry[] = [
  // SSRIs
  { generic: 'sertraline', brands: ['Zoloft'], class: 'ssri' },
  { generic: 'fluoxetine', brands: ['Prozac', 'Sarafem'], class: 'ssri' },
  { generic: 'escitalopram', brands: ['Lexapro'], class: 'ssri' },
  { generic: 'citalopram', brands: ['Celexa'], class: 'ssri' },
  { generic: 'paroxetine', brands: ['Paxil', 'Pexeva', 'Brisdelle'], class: 'ssri' },
  { generic: 'fluvoxamine', brands: ['Luvox'], class: 'ssri' },

  // SNRIs
  { generic: 'venlafaxine', brands: ['Effexor', 'Effexor XR'], class: 'snri' },
  { generic: 'desvenlafaxine', brands: ['Pristiq', 'Khedezla'], class: 'snri' },
  { generic: 'duloxetine', brands: ['Cymbalta', 'Drizalma'], class: 'snri' },
  { generic: 'levomilnacipran', brands: ['Fetzima'], class: 'snri' },
  { generic: 'milnacipran', brands: ['Savella'], class: 'snri' },

  // Tricyclic and tetracyclic antidepressants
  { generic: 'amitriptyline', brands: ['Elavil'], class: 'tricyclic-antidepressant' },
  { generic: 'nortriptyline', brands: ['Pamelor', 'Aventyl'], class: 'tricyclic-antidepressant' },
  { generic: 'imipramine', brands: ['Tofranil'], class: 'tricyclic-antidepressant' },
  { generic: 'clomipramine', brands: ['Anafranil'], class: 'tricyclic-antidepressant' },
  { generic: 'desipramine', brands: ['Norpramin'], class: 'tricyclic-antidepressant' },
  // Low-dose doxepin for sleep is marketed as Silenor; it is the same molecule.
  { generic: 'doxepin', brands: ['Sinequan', 'Silenor'], class: 'tricyclic-antidepressant' },
  { generic: 'protriptyline', brands: ['Vivactil'], class: 'tricyclic-antidepressant' },
  { generic: 'trimipramine', brands: ['Surmontil'], class: 'tricyclic-antidepressant' },
  { generic: 'amoxapine', brands: [], class: 'tricyclic-antidepressant' },
  { generic: 'maprotiline', brands: [], class: 'tricyclic-antidepressant' },

  // MAOIs
  { generic: 'phenelzine', brands: ['Nardil'], class: 'maoi' },
  { generic: 'tranylcypromine', brands: ['Parnate'], class: 'maoi' },
  { generic: 'isocarboxazid', brands: ['Marplan'], class: 'maoi' },
  { generic: 'selegiline', brands: ['Emsam'], class: 'maoi' },

  // Atypical antidepressants
  { generic: 'bupropion', brands: ['Wellbutrin', 'Wellbutrin XL', 'Wellbutrin SR', 'Zyban', 'Aplenzin', 'Forfivo XL'], class: 'atypical-antidepressant' },
  { generic: 'mirtazapine', brands: ['Remeron', 'RemeronSolTab'], class: 'atypical-antidepressant' },
  { generic: 'trazodone', brands: ['Desyrel', 'Oleptro'], class: 'atypical-antidepressant' },
  { generic: 'vortioxetine', brands: ['Trintellix'], class: 'atypical-antidepressant' },
  { generic: 'vilazodone', brands: ['Viibryd'], class: 'atypical-antidepressant' },
  { generic: 'nefazodone', brands: [], class: 'atypical-antidepressant' },
  { generic: 'gepirone', brands: ['Exxua'], class: 'atypical-antidepressant' },
  { generic: 'dextromethorphan-bupropion', brands: ['Auvelity'], class: 'rapid-acting-antidepressant' },
  { generic: 'esketamine', brands: ['Spravato'], class: 'rapid-acting-antidepressant' },
  { generic: 'ketamine', brands: ['Ketalar'], class: 'rapid-acting-antidepressant' },
  { generic: 'zuranolone', brands: ['Zurzuvae'], class: 'neurosteroid-antidepressant' },
  { generic: 'brexanolone', brands: ['Zulresso'], class: 'neurosteroid-antidepressant' },

  // First-generation antipsychotics
  { generic: 'haloperidol', brands: ['Haldol'], class: 'antipsychotic-first-generation' },
  { generic: 'chlorpromazine', brands: ['Thorazine'], class: 'antipsychotic-first-generation' },
  { generic: 'fluphenazine', brands: ['Prolixin'], class: 'antipsychotic-first-generation' },
  { generic: 'perphenazine', brands: ['Trilafon'], class: 'antipsychotic-first-generation' },
  { generic: 'thiothixene', brands: ['Navane'], class: 'antipsychotic-first-generation' },
  { generic: 'loxapine', brands: ['Loxitane', 'Adasuve'], class: 'antipsychotic-first-generation' },
  { generic: 'trifluoperazine', brands: ['Stelazine'], class: 'antipsychotic-first-generation' },
  { generic: 'thioridazine', brands: ['Mellaril'], class: 'antipsychotic-first-generation' },
  { generic: 'pimozide', brands: ['Orap'], class: 'antipsychotic-first-generation' },
  { generic: 'perphenazine-amitriptyline', brands: [], class: 'antipsychotic-first-generation' },

  // Second-generation antipsychotics
  { generic: 'aripiprazole', brands: ['Abilify', 'Abilify MyCite'], class: 'antipsychotic-second-generation' },
  { generic: 'quetiapine', brands: ['Seroquel', 'Seroquel XR'], class: 'antipsychotic-second-generation' },
  { generic: 'risperidone', brands: ['Risperdal'], class: 'antipsychotic-second-generation' },
  { generic: 'olanzapine', brands: ['Zyprexa', 'Zyprexa Zydis'], class: 'antipsychotic-second-generation' },
  { generic: 'ziprasidone', brands: ['Geodon'], class: 'antipsychotic-second-generation' },
  { generic: 'lurasidone', brands: ['Latuda'], class: 'antipsychotic-second-generation' },
  { generic: 'paliperidone', brands: ['Invega'], class: 'antipsychotic-second-generation' },
  { generic: 'asenapine', brands: ['Saphris', 'Secuado'], class: 'antipsychotic-second-generation' },
  { generic: 'iloperidone', brands: ['Fanapt'], class: 'antipsychotic-second-generation' },
  { generic: 'brexpiprazole', brands: ['Rexulti'], class: 'antipsychotic-second-generation' },
  { generic: 'cariprazine', brands: ['Vraylar'], class: 'antipsychotic-second-generation' },
  { generic: 'lumateperone', brands: ['Caplyta'], class: 'antipsychotic-second-generation' },
  { generic: 'clozapine', brands: ['Clozaril', 'Versacloz', 'FazaClo'], class: 'antipsychotic-second-generation' },
  { generic: 'pimavanserin', brands: ['Nuplazid'], class: 'antipsychotic-second-generation' },
  { generic: 'olanzapine-samidorphan', brands: ['Lybalvi'], class: 'antipsychotic-second-generation' },
  { generic: 'olanzapine-fluoxetine', brands: ['Symbyax'], class: 'antipsychotic-second-generation' },

  // Long-acting injectable antipsychotics: separate entries so a note that names the
  // injectable (often by brand) is classed as such; generics are the salt forms.
  { generic: 'paliperidone palmitate', brands: ['Invega Sustenna', 'Invega Trinza', 'Invega Hafyera', 'Erzofri'], class: 'antipsychotic-long-acting-injectable' },
  { generic: 'risperidone extended-release injectable', brands: ['Risperdal Consta', 'Perseris', 'Uzedy', 'Rykindo'], class: 'antipsychotic-long-acting-injectable' },
  { generic: 'aripiprazole monohydrate', brands: ['Abilify Maintena', 'Abilify Asimtufii'], class: 'antipsychotic-long-acting-injectable' },
  { generic: 'aripiprazole lauroxil', brands: ['Aristada', 'Aristada Initio'], class: 'antipsychotic-long-acting-injectable' },
  { generic: 'olanzapine pamoate', brands: ['Zyprexa Relprevv'], class: 'antipsychotic-long-acting-injectable' },
  { generic: 'haloperidol decanoate', brands: ['Haldol Decanoate'], class: 'antipsychotic-long-acting-injectable' },
  { generic: 'fluphenazine decanoate', brands: [], class: 'antipsychotic-long-acting-injectable' },

  // Muscarinic agonist antipsychotic (approved 2024)
  { generic: 'xanomeline-trospium', brands: ['Cobenfy'], class: 'antipsychotic-muscarinic' },

  // Mood stabilisers and anticonvulsants used in psychiatry
  { generic: 'lithium', brands: ['Lithobid', 'Eskalith'], class: 'mood-stabilizer' },
  { generic: 'divalproex', brands: ['Depakote', 'Depakote ER'], class: 'mood-stabilizer' },
  { generic: 'valproic acid', brands: ['Depakene'], class: 'mood-stabilizer' },
  { generic: 'lamotrigine', brands: ['Lamictal'], class: 'mood-stabilizer' },
  { generic: 'carbamazepine', brands: ['Tegretol', 'Equetro'], class: 'mood-stabilizer' },
  { generic: 'oxcarbazepine', brands: ['Trileptal'], class: 'anticonvulsant' },
  { generic: 'topiramate', brands: ['Topamax'], class: 'anticonvulsant' },
  { generic: 'gabapentin', brands: ['Neurontin', 'Gralise'], class: 'anticonvulsant' },
  { generic: 'pregabalin', brands: ['Lyrica'], class: 'anticonvulsant' },

  // Benzodiazepines
  { generic: 'alprazolam', brands: ['Xanax', 'Xanax XR'], class: 'benzodiazepine' },
  { generic: 'clonazepam', brands: ['Klonopin'], class: 'benzodiazepine' },
  { generic: 'lorazepam', brands: ['Ativan'], class: 'benzodiazepine' },
  { generic: 'diazepam', brands: ['Valium'], class: 'benzodiazepine' },
  { generic: 'chlordiazepoxide', brands: ['Librium'], class: 'benzodiazepine' },
  { generic: 'temazepam', brands: ['Restoril'], class: 'benzodiazepine' },
  { generic: 'clorazepate', brands: ['Tranxene'], class: 'benzodiazepine' },
  { generic: 'oxazepam', brands: [], class: 'benzodiazepine' },
  { generic: 'triazolam', brands: ['Halcion'], class: 'benzodiazepine' },
  { generic: 'midazolam', brands: [], class: 'benzodiazepine' },

  // Z-drugs
  { generic: 'zolpidem', brands: ['Ambien', 'Ambien CR', 'Edluar'], class: 'z-drug-hypnotic' },
  { generic: 'eszopiclone', brands: ['Lunesta'], class: 'z-drug-hypnotic' },
  { generic: 'zaleplon', brands: [], class: 'z-drug-hypnotic' },

  // Other hypnotics
  { generic: 'suvorexant', brands: ['Belsomra'], class: 'other-hypnotic' },
  { generic: 'lemborexant', brands: ['Dayvigo'], class: 'other-hypnotic' },
  { generic: 'daridorexant', brands: ['Quviviq'], class: 'other-hypnotic' },
  { generic: 'ramelteon', brands: ['Rozerem'], class: 'other-hypnotic' },
  { generic: 'melatonin', brands: [], class: 'other-hypnotic' },
  { generic: 'diphenhydramine', brands: ['Benadryl'], class: 'other-hypnotic' },

  // Other anxiolytics
  { generic: 'hydroxyzine', brands: ['Vistaril', 'Atarax'], class: 'anxiolytic-other' },
  { generic: 'buspirone', brands: ['Buspar'], class: 'anxiolytic-other' },

  // Adrenergic agents used for PTSD nightmares, performance anxiety, ADHD, withdrawal
  { generic: 'prazosin', brands: ['Minipress'], class: 'adrenergic-agent' },
  { generic: 'propranolol', brands: ['Inderal', 'Inderal LA', 'InnoPran XL'], class: 'adrenergic-agent' },
  { generic: 'clonidine', brands: ['Catapres', 'Kapvay'], class: 'adrenergic-agent' },
  { generic: 'lofexidine', brands: ['Lucemyra'], class: 'adrenergic-agent' },

  // Stimulants
  { generic: 'methylphenidate', brands: ['Ritalin', 'Ritalin LA', 'Concerta', 'Metadate CD', 'Methylin', 'Daytrana', 'Quillichew ER', 'Quillivant XR', 'Jornay PM', 'Cotempla XR-ODT', 'Aptensio XR', 'Relexxii'], class: 'stimulant' },
  { generic: 'dexmethylphenidate', brands: ['Focalin', 'Focalin XR'], class: 'stimulant' },
  { generic: 'serdexmethylphenidate-dexmethylphenidate', brands: ['Azstarys'], class: 'stimulant' },
  { generic: 'amphetamine-dextroamphetamine', brands: ['Adderall', 'Adderall XR', 'Mydayis'], class: 'stimulant' },
  { generic: 'lisdexamfetamine', brands: ['Vyvanse'], class: 'stimulant' },
  { generic: 'dextroamphetamine', brands: ['Dexedrine', 'Zenzedi', 'ProCentra', 'Xelstrym'], class: 'stimulant' },
  { generic: 'amphetamine', brands: ['Evekeo', 'Adzenys XR-ODT', 'Dyanavel XR'], class: 'stimulant' },
  { generic: 'methamphetamine', brands: ['Desoxyn'], class: 'stimulant' },
  { generic: 'modafinil', brands: ['Provigil'], class: 'wakefulness-agent' },
  { generic: 'armodafinil', brands: ['Nuvigil'], class: 'wakefulness-agent' },

  // Non-stimulant ADHD medicines
  { generic: 'atomoxetine', brands: ['Strattera'], class: 'adhd-non-stimulant' },
  { generic: 'viloxazine', brands: ['Qelbree'], class: 'adhd-non-stimulant' },
  { generic: 'guanfacine', brands: ['Intuniv', 'Tenex'], class: 'adhd-non-stimulant' },

  // Addiction medicines
  { generic: 'buprenorphine-naloxone', brands: ['Suboxone', 'Zubsolv', 'Bunavail'], class: 'addiction-medicine' },
  { generic: 'buprenorphine', brands: ['Subutex', 'Sublocade', 'Brixadi', 'Butrans', 'Belbuca'], class: 'addiction-medicine' },
  { generic: 'naltrexone', brands: ['Vivitrol', 'Revia'], class: 'addiction-medicine' },
  { generic: 'methadone', brands: ['Dolophine', 'Methadose'], class: 'addiction-medicine' },
  { generic: 'disulfiram', brands: ['Antabuse'], class: 'addiction-medicine' },
  { generic: 'acamprosate', brands: ['Campral'], class: 'addiction-medicine' },
  { generic: 'naloxone', brands: ['Narcan', 'Kloxxado'], class: 'addiction-medicine' },
  { generic: 'varenicline', brands: ['Chantix'], class: 'addiction-medicine' },
  { generic: 'nicotine replacement', brands: ['Nicorette', 'NicoDerm CQ'], class: 'addiction-medicine' },

  // Movement-disorder agents (extrapyramidal symptoms, tardive dyskinesia)
  { generic: 'benztropine', brands: ['Cogentin'], class: 'movement-disorder-agent' },
  { generic: 'trihexyphenidyl', brands: ['Artane'], class: 'movement-disorder-agent' },
  { generic: 'valbenazine', brands: ['Ingrezza'], class: 'movement-disorder-agent' },
  { generic: 'deutetrabenazine', brands: ['Austedo'], class: 'movement-disorder-agent' },

  // General-medical: analgesics
  { generic: 'ibuprofen', brands: ['Advil', 'Motrin'], class: 'analgesic' },
  { generic: 'acetaminophen', brands: ['Tylenol'], class: 'analgesic' },
  { generic: 'naproxen', brands: ['Aleve', 'Naprosyn'], class: 'analgesic' },
  { generic: 'aspirin', brands: [], class: 'analgesic' },
  { generic: 'oxycodone', brands: ['OxyContin', 'Roxicodone', 'Percocet'], class: 'opioid-analgesic' },
  { generic: 'hydrocodone-acetaminophen', brands: ['Vicodin', 'Norco'], class: 'opioid-analgesic' },
  { generic: 'tramadol', brands: ['Ultram'], class: 'opioid-analgesic' },

  // Cardiovascular and lipids
  { generic: 'lisinopril', brands: ['Zestril', 'Prinivil'], class: 'cardiovascular' },
  { generic: 'amlodipine', brands: ['Norvasc'], class: 'cardiovascular' },
  { generic: 'losartan', brands: ['Cozaar'], class: 'cardiovascular' },
  { generic: 'hydrochlorothiazide', brands: ['Microzide'], class: 'cardiovascular' },
  { generic: 'metoprolol', brands: ['Lopressor', 'Toprol-XL'], class: 'cardiovascular' },
  { generic: 'furosemide', brands: ['Lasix'], class: 'cardiovascular' },
  { generic: 'spironolactone', brands: ['Aldactone'], class: 'cardiovascular' },
  { generic: 'atorvastatin', brands: ['Lipitor'], class: 'lipid-lowering' },
  { generic: 'simvastatin', brands: ['Zocor'], class: 'lipid-lowering' },
  { generic: 'rosuvastatin', brands: ['Crestor'], class: 'lipid-lowering' },

  // Diabetes and weight
  { generic: 'metformin', brands: ['Glucophage'], class: 'diabetes' },
  { generic: 'insulin glargine', brands: ['Lantus', 'Basaglar', 'Toujeo'], class: 'diabetes' },
  { generic: 'semaglutide', brands: ['Ozempic', 'Wegovy', 'Rybelsus'], class: 'diabetes' },
  { generic: 'tirzepatide', brands: ['Mounjaro', 'Zepbound'], class: 'diabetes' },
  { generic: 'naltrexone-bupropion', brands: ['Contrave'], class: 'diabetes' },

  // Thyroid
  { generic: 'levothyroxine', brands: ['Synthroid', 'Levoxyl', 'Unithroid', 'Tirosint'], class: 'thyroid' },

  // Respiratory and allergy
  { generic: 'albuterol', brands: ['ProAir', 'Ventolin', 'Proventil'], class: 'respiratory' },
  { generic: 'fluticasone', brands: ['Flonase', 'Flovent'], class: 'respiratory' },
  { generic: 'montelukast', brands: ['Singulair'], class: 'respiratory' },
  { generic: 'cetirizine', brands: ['Zyrtec'], class: 'allergy' },
  { generic: 'loratadine', brands: ['Claritin'], class: 'allergy' },
  { generic: 'fexofenadine', brands: [], class: 'allergy' },
  { generic: 'epinephrine', brands: ['EpiPen'], class: 'allergy' },

  // Gastrointestinal
  { generic: 'omeprazole', brands: ['Prilosec'], class: 'gastrointestinal' },
  { generic: 'pantoprazole', brands: ['Protonix'], class: 'gastrointestinal' },
  { generic: 'famotidine', brands: ['Pepcid'], class: 'gastrointestinal' },
  { generic: 'ondansetron', brands: ['Zofran'], class: 'gastrointestinal' },

  // Antibiotics
  { generic: 'amoxicillin', brands: ['Amoxil'], class: 'antibiotic' },
  { generic: 'azithromycin', brands: ['Zithromax', 'Z-Pak'], class: 'antibiotic' },
  { generic: 'cephalexin', brands: ['Keflex'], class: 'antibiotic' },
  { generic: 'doxycycline', brands: ['Vibramycin'], class: 'antibiotic' },

  // Anticoagulants and antiplatelets
  { generic: 'warfarin', brands: ['Coumadin', 'Jantoven'], class: 'anticoagulant' },
  { generic: 'apixaban', brands: ['Eliquis'], class: 'anticoagulant' },
  { generic: 'clopidogrel', brands: ['Plavix'], class: 'anticoagulant' },

  // Hormonal
  { generic: 'estradiol', brands: ['Estrace'], class: 'hormonal' },
  { generic: 'medroxyprogesterone', brands: ['Depo-Provera', 'Provera'], class: 'hormonal' },
  { generic: 'levonorgestrel-ethinyl estradiol', brands: [], class: 'hormonal' },
  { generic: 'testosterone cypionate', brands: ['Depo-Testosterone'], class: 'hormonal' },

  // Urologic
  { generic: 'sildenafil', brands: ['Viagra'], class: 'urologic' },
  { generic: 'tamsulosin', brands: ['Flomax'], class: 'urologic' },

  // Migraine, muscle relaxants, corticosteroids
  { generic: 'sumatriptan', brands: ['Imitrex'], class: 'migraine' },
  { generic: 'cyclobenzaprine', brands: ['Flexeril'], class: 'muscle-relaxant' },
  { generic: 'prednisone', brands: [], class: 'corticosteroid' },
];

/**
 * Brand names deliberately left out because they are ordinary English words or common
 * names, so matching them would flag ordinary prose (a psychotherapy note about a piano
 * sonata is not a medication mention). The generic stays in {@link MEDICATIONS}.
 */
export const EXCLUDED_BRAND_NAMES: readonly { readonly name: string; readonly generic: string; readonly reason: string }[] = [
  { name: 'Sonata', generic: 'zaleplon', reason: 'English word (a musical form)' },
  { name: 'Intermezzo', generic: 'zolpidem', reason: 'English word (a musical interlude)' },
  { name: 'Bayer', generic: 'aspirin', reason: 'company and family name' },
  { name: 'Rayos', generic: 'prednisone', reason: 'Spanish word ("rays"), common in bilingual notes' },
  { name: 'Allegra', generic: 'fexofenadine', reason: 'given name; an allergy pill adds little to a therapy-note check' },
];

/** Words for a medication class as clinicians write them ("her SSRI", "benzos"). */
export const MEDICATION_CLASS_TERMS: readonly string[] = [
  'SSRI',
  'SSRIs',
  'SNRI',
  'SNRIs',
  'TCA',
  'TCAs',
  'tricyclic',
  'tricyclics',
  'MAOI',
  'MAOIs',
  'antidepressant',
  'antidepressants',
  'antipsychotic',
  'antipsychotics',
  'neuroleptic',
  'neuroleptics',
  'long-acting injectable',
  'LAI',
  'mood stabilizer',
  'mood stabilizers',
  'mood stabiliser',
  'anticonvulsant',
  'anticonvulsants',
  'benzodiazepine',
  'benzodiazepines',
  'benzo',
  'benzos',
  'Z-drug',
  'sedative-hypnotic',
  'sedative',
  'sedatives',
  'sleep aid',
  'sleeping pill',
  'sleeping pills',
  'anxiolytic',
  'anxiolytics',
  'stimulant',
  'stimulants',
  'ADHD medication',
  'beta blocker',
  'beta-blocker',
  // Not "opioid(s)" or "opiate(s)" alone: in therapy notes they mostly describe substance
  // use (process material or diagnosis), not a prescription.
  'opioid analgesic',
  'pain medication',
  'pain meds',
  'medication-assisted treatment',
  'MOUD',
  'statin',
  'birth control pill',
];

/** Prescribing and monitoring language (45 CFR 164.501: "medication prescription and monitoring"). */
export const MEDICATION_MANAGEMENT_TERMS: readonly string[] = [
  'medication',
  'medications',
  // Not "med" alone ("med school") nor "pharmacy" ("she works at a pharmacy").
  'meds',
  'med management',
  'medication management',
  'med check',
  'prescription',
  'prescriptions',
  'prescribe',
  'prescribed',
  'prescribing',
  'prescriber',
  'Rx',
  'dose',
  'doses',
  'dosage',
  'dosing',
  'titrate',
  'titrated',
  'titrating',
  'titration',
  'taper',
  'tapered',
  'tapering',
  'refill',
  'refills',
  'side effect',
  'side effects',
  'adverse effects',
  'missed doses',
  'medication adherence',
  'med adherence',
  'pharmacotherapy',
  'psychopharmacology',
  'pill',
  'pills',
  'serum level',
  'blood level',
];

/** Dose units. Both the micro sign (U+00B5) and Greek mu (U+03BC) spellings of µg occur in pasted text. */
export const DOSE_UNITS: readonly string[] = ['mg', 'mcg', 'µg', 'μg', 'g', 'mL', 'units', 'IU', 'mEq', 'mg/day'];

/**
 * Dose frequencies. Left out on purpose: "weekly", "monthly" and "every 2 weeks", which
 * are far more often session frequencies (a separate 164.501 exclusion the linter reports
 * under its own rule) than dosing schedules in therapy notes.
 */
export const DOSE_FREQUENCIES: readonly string[] = [
  'daily',
  'once daily',
  'twice daily',
  'three times daily',
  'four times daily',
  'nightly',
  'at bedtime',
  'in the morning',
  'every morning',
  'every night',
  'QD',
  'BID',
  'TID',
  'QID',
  'QHS',
  'QAM',
  'QPM',
  'PRN',
  'q.d.',
  'b.i.d.',
  't.i.d.',
  'q.i.d.',
  'q.h.s.',
  'p.r.n.',
  'as needed',
  'q4h',
  'q6h',
  'q8h',
  'q12h',
];

/**
 * Dosage forms that follow a dose ("50 mg tab", "two capsules"). Only meaningful right after
 * a dose or drug name: "cap", "tab" and "patch" are ordinary words elsewhere. Release
 * suffixes (XR, ER, LA) are not listed: "ER" and "LA" mean emergency room and Los Angeles
 * in prose; brands that carry them ("Adderall XR") are listed whole in {@link MEDICATIONS}.
 */
export const DOSE_FORMS: readonly string[] = ['tab', 'tabs', 'tablet', 'tablets', 'cap', 'caps', 'capsule', 'capsules', 'patch', 'injection', 'ODT'];

/** Every generic and brand name, lower-cased, mapped to its entry. Names are unique, so the map is lossless. */
export const MEDICATION_BY_NAME: ReadonlyMap<string, MedicationEntry> = new Map(
  MEDICATIONS.flatMap((entry) => [entry.generic, ...entry.brands].map((name) => [name.toLowerCase(), entry] as const)),
);

/** All generic and brand names, longest first, so an extractor that tries them in order prefers "Invega Sustenna" over "Invega". */
export const MEDICATION_NAMES: readonly string[] = MEDICATIONS.flatMap((entry) => [entry.generic, ...entry.brands]).sort(
  (a, b) => b.length - a.length || a.localeCompare(b),
);
