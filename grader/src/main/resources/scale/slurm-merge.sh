#!/bin/bash
# Merges the shards slurm-grade.sh wrote (README, "Grading at scale"); queued by slurm-submit.sh.
#SBATCH --job-name=dlkit-merge
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=01:00:00
#SBATCH --output=dlkit-merge.log
: "${DLKIT_JAR:=$HOME/dlkit/dlkit-grader.jar}"
: "${SHARDS_DIR:=$HOME/dlkit-shards}"
: "${MERGED:=$HOME/dlkit-merged}"
srun java -jar "$DLKIT_JAR" merge "$SHARDS_DIR"/shard-* --out "$MERGED"
