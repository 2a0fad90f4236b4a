"""Nightly maintenance jobs that shell out."""
import os
import subprocess


def nightly(site):
    os.system("cd /srv/uploads && tar czf /backups/uploads.tgz *")  # want: SG106  # ok: SG103
    subprocess.call("rsync -a * /mnt/backup/", shell=True)  # want: SG106  # ok: SG102
    os.system("sudo chown www-data *.html")  # want: SG106  # ok: SG103
    os.system("tar czf /backups/site.tgz -- *")  # ok: SG103, SG106
    os.system("tar czf /backups/site.tgz ./*")  # ok: SG103, SG106
    os.system("chmod 640 /etc/app/*.conf")  # ok: SG103, SG106
    os.system("zip -r /backups/logs.zip logs/*.log")  # ok: SG103, SG106
    os.system("ls -l * > /tmp/listing.txt")  # ok: SG103, SG106
    os.system("tar czf /backups/site.tgz '*'")  # ok: SG103, SG106
    subprocess.run(["/bin/tar", "czf", "/backups/site.tgz", "*"])  # ok: SG106
    subprocess.run("tar czf /backups/site.tgz *", shell=False)  # want: SG104  # ok: SG106
    subprocess.run("tar czf /backups/site.tgz *", shell=True)  # want: SG106  # ok: SG102

