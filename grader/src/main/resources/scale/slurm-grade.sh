#!/bin/bash
# Grades a class in shards as a Slurm job array, one task per shard (README, "Grading at scale").
# Submit it with slurm-submit.sh, which queues slurm-merge.sh to run once every task succeeded.
# --array=0-(N-1) sets the number of shards N.
#SBATCH --job-name=dlkit-grade
#SBATCH --array=0-1
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=06:00:00
#SBATCH --output=dlkit-grade-%a.log
: "${DLKIT_JAR:=$HOME/dlkit/dlkit-grader.jar}"
: "${CLASS:=$HOME/submissions}"
: "${SHARDS_DIR:=$HOME/dlkit-shards}"
: "${SEED:=1}"
srun java -jar "$DLKIT_JAR" grade "$CLASS" --class --seed "$SEED" --shard slurm --out "$SHARDS_DIR/shard-$SLURM_ARRAY_TASK_ID"
