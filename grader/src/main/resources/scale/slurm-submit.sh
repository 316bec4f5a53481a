#!/bin/bash
# Queues the grading array, then the merge to run once every task of it succeeded.
set -e
grade=$(sbatch --parsable slurm-grade.sh)
sbatch --dependency=afterok:"$grade" slurm-merge.sh
