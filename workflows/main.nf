#!/usr/bin/env nextflow
// gsattn with Nextflow (DSL2): the same steps as workflows/Snakefile.
//
//   nextflow run workflows/main.nf -params-file workflows/config.yaml --outdir results
//
// Study: simulate -> train --compare -> select-positions -> enrich.
// Genome scan: predict --window cut into params.shards jobs with --shard I/N,
// gathered into one bedGraph equal to the one-job output.
// Not exercised by the test suite (Nextflow is not a Debian package); the
// Snakefile, which runs the same gsattn commands, is.
nextflow.enable.dsl = 2

params.gsattn = 'gsattn'
params.threads = 2
params.sequences = 2000
params.length = 200
params.seed = 1
params.models = ['full', 'sparse', 'joint', 'window']
params.train_options = ''
params.select_model = 'sparse'
params.genome = ''
params.genome_records = 3
params.genome_length = 20000
params.scan_model = 'sparse'
params.window = 200
params.step = 50
params.shards = 4
params.outdir = 'results'

process SIMULATE {
    publishDir params.outdir, mode: 'copy'
    output:
    tuple path('sim.fa'), path('sim.labels.tsv'), path('sim.motifs.bed')
    script:
    """
    ${params.gsattn} simulate -n ${params.sequences} -L ${params.length} --seed ${params.seed} -o sim
    """
}

process TRAIN {
    publishDir params.outdir, mode: 'copy'
    cpus params.threads
    input:
    tuple path(fasta), path(labels), path(truth)
    output:
    path 'comparison.tsv', emit: table
    path 'model.*.gsattn', emit: models
    path 'model.*.gsattn.metrics.json', emit: metrics
    script:
    """
    ${params.gsattn} train --fasta ${fasta} --labels ${labels} --compare ${params.models.join(',')} \\
        --seed ${params.seed} --threads ${task.cpus} ${params.train_options} -o model.gsattn > comparison.tsv
    """
}

process SELECT_POSITIONS {
    publishDir params.outdir, mode: 'copy'
    cpus params.threads
    input:
    path model
    tuple path(fasta), path(labels), path(truth)
    output:
    path 'selected.bed'
    script:
    """
    ${params.gsattn} select-positions -m ${model} --fasta ${fasta} --threads ${task.cpus} -o selected.bed
    """
}

process ENRICH {
    publishDir params.outdir, mode: 'copy'
    cpus params.threads
    input:
    path selected
    tuple path(fasta), path(labels), path(truth)
    output:
    tuple path('enrichment.tsv'), path('enrichment.json')
    script:
    """
    ${params.gsattn} enrich --selected ${selected} --fasta ${fasta} --truth ${truth} \\
        --threads ${task.cpus} --json enrichment.json -o enrichment.tsv
    """
}

process SIMULATE_GENOME {
    output:
    path 'genome.fa'
    script:
    """
    ${params.gsattn} simulate -n ${params.genome_records} -L ${params.genome_length} --seed ${params.seed} -o genome
    """
}

process SCAN_SHARD {
    cpus params.threads
    input:
    path model
    path genome
    each shard
    output:
    path "shard${shard}.bedgraph"
    script:
    """
    ${params.gsattn} predict -m ${model} --fasta ${genome} --window ${params.window} --step ${params.step} \\
        --shard ${shard}/${params.shards} --threads ${task.cpus} -o shard${shard}.bedgraph
    """
}

process GATHER_SCAN {
    publishDir params.outdir, mode: 'copy'
    input:
    path shards
    output:
    path 'scan.bedgraph'
    script:
    """
    cat ${shards} | LC_ALL=C sort -k1,1 -k2,2n > scan.bedgraph
    """
}

workflow {
    sim = SIMULATE()
    trained = TRAIN(sim)
    pick = { kind -> trained.models.flatten().filter { it.name == "model.${kind}.gsattn" } }
    selected = SELECT_POSITIONS(pick(params.select_model), sim)
    ENRICH(selected, sim)

    genome = params.genome ? Channel.value(file(params.genome, checkIfExists: true)) : SIMULATE_GENOME()
    shards = SCAN_SHARD(pick(params.scan_model), genome, Channel.of(1..params.shards))
    GATHER_SCAN(shards.collect())
}
