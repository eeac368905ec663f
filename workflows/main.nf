#!/usr/bin/env nextflow
// gsattn with Nextflow (DSL2): the same steps as workflows/Snakefile.
//
//   nextflow run workflows/main.nf -params-file workflows/config.yaml --gsattn $PWD/build/gsattn --outdir results
//   nextflow run workflows/main.nf -params-file workflows/config.yaml -profile docker --outdir results
//
// Study: simulate -> train --compare -> select-positions -> enrich.
// Genome scan: predict --window cut into params.shards jobs with --shard I/N,
// gathered into one bedGraph equal to the one-job output.
//
// Resources and container: every process runs in the image params.container
// (default 'gsattn', built from the repository's Dockerfile: gsattn on PATH,
// bash and ps inside) -- but only when a container engine is enabled; without
// one Nextflow ignores the container directive and runs params.gsattn on the
// host. workflows/nextflow.config (read automatically: it sits next to this
// script) has the profiles that enable one: -profile docker, podman (rootless)
// or podman_root. The image runs as uid 1000; the profiles run each task as the
// invoking user instead, so the work directory stays writable and owned by you.
// Each gsattn process asks for cpus (params.threads, passed on as --threads
// ${task.cpus}; 1 for simulate) and params.memory (default '4 GB'); with a
// container engine these become the container's CPU share and memory limit,
// on a cluster executor the job's request. Override: --threads 8 --memory '8 GB'
// --container registry.example.org/gsattn:0.1.0.
//
// Not exercised by the test suite (Nextflow is not a Debian package); the
// Snakefile, which runs the same gsattn commands, is. The image itself was
// built and run with Podman: docs/container.md.
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
params.memory = '4 GB'
params.container = 'gsattn'

process SIMULATE {
    publishDir params.outdir, mode: 'copy'
    container params.container
    cpus 1
    memory params.memory
    output:
    tuple path('sim.fa'), path('sim.labels.tsv'), path('sim.motifs.bed')
    script:
    """
    ${params.gsattn} simulate -n ${params.sequences} -L ${params.length} --seed ${params.seed} -o sim
    """
}

process TRAIN {
    publishDir params.outdir, mode: 'copy'
    container params.container
    cpus params.threads
    memory params.memory
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
    container params.container
    cpus params.threads
    memory params.memory
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
    container params.container
    cpus params.threads
    memory params.memory
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
    container params.container
    cpus 1
    memory params.memory
    output:
    path 'genome.fa'
    script:
    """
    ${params.gsattn} simulate -n ${params.genome_records} -L ${params.genome_length} --seed ${params.seed} -o genome
    """
}

process SCAN_SHARD {
    container params.container
    cpus params.threads
    memory params.memory
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
    container params.container
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
